/// The figures of `callstack bench log`, with the configuration that produced them.
///
/// Every rate is the median over ``rounds`` side-by-side rounds in one process, so the ratios
/// compare runs that shared the machine's noise.
public struct LogBenchReport: Codable, Sendable {
    /// Events per second of the log: batched appends, 1,000 events per transaction, `.unsafeNoSync`.
    public var append_batched_eps: Double
    /// A plain C loop over LMDB writing the same record bytes with the same flags (`MDB_NOSYNC`).
    public var raw_lmdb_eps: Double
    /// `append_batched_eps / raw_lmdb_eps`; goal ≥ 0.5.
    public var ratio_vs_raw: Double
    /// The raw loop writing the log's event-id index entry too: the limit for the log's layout.
    public var raw_lmdb_indexed_eps: Double
    /// `append_batched_eps / raw_lmdb_indexed_eps`.
    public var ratio_vs_raw_indexed: Double
    /// 64 concurrent single-event appenders, `.durable`, in events per second.
    public var group_commit_eps: Double
    /// One `.durable` commit per event, one appender, in events per second.
    public var single_commit_eps: Double
    /// `group_commit_eps / single_commit_eps`; goal ≥ 20.
    public var group_commit_ratio: Double
    /// Median microseconds of a 4 KiB write plus fsync on the benchmark's disk.
    public var fsync_latency_us: Double
    /// The log in `.relaxed` against SQLite (WAL) `synchronous=NORMAL`, same batches and indexes.
    public var log_relaxed_eps: Double
    public var sqlite_normal_eps: Double
    /// `log_relaxed_eps / sqlite_normal_eps`; goal ≥ 3.
    public var sqlite_append_ratio: Double
    /// The log in `.durable` against SQLite (WAL) `synchronous=FULL`.
    public var log_durable_eps: Double
    public var sqlite_full_eps: Double
    public var sqlite_durable_append_ratio: Double
    /// A full read of the log, every field touched, in events per second; goal ≥ 5M.
    public var scan_eps: Double
    /// SQLite's full read of the same table, every column touched.
    public var sqlite_scan_eps: Double
    /// `scan_eps / sqlite_scan_eps`; goal ≥ 5.
    public var sqlite_scan_ratio: Double
    /// A plain C cursor loop over the raw LMDB store, for reference.
    public var raw_lmdb_scan_eps: Double

    /// Events per append measurement, events per transaction, payload and record sizes, rounds.
    public var events: Int
    public var batch: Int
    public var payload_bytes: Int
    public var record_bytes: Int
    public var rounds: Int
    /// Words describing each measurement's configuration, keyed like the figures.
    public var configuration: [String: String]
    /// Goals that were missed, with the figure.
    public var misses: [String]
}
