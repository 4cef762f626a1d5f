import CLogBaselines
import EventLog
import Foundation

/// The measurements behind `callstack bench log`: the log against raw LMDB and SQLite (WAL),
/// side by side in one process, each round alternating between them.
public struct LogBench: Sendable {
    public var events: Int
    public var rounds: Int
    public var directory: String
    public var batch = 1_000
    public var payloadBytes = 200
    /// Appenders and appends each for the group-commit figure.
    public var concurrentAppenders = 64
    public var appendsPerAppender = 40
    /// Single durable commits for the group-commit baseline.
    public var singleCommits = 400
    /// Which measurements to run; scans also run the appends that fill their stores.
    public var phases = Set(Phase.allCases)
    /// Keep the last round's stores (`ours`, `relaxed`, `raw`, … in ``directory``) for inspection.
    public var keepStores = false

    /// A group of side-by-side measurements.
    public enum Phase: String, CaseIterable, Sendable {
        /// The log against the raw LMDB loop (`append_batched_eps`, `raw_lmdb_eps`).
        case append
        /// The log against SQLite, relaxed/NORMAL and durable/FULL.
        case sqlite
        /// 64 concurrent durable appenders against one durable commit per event.
        case group
        /// Full reads of the log, SQLite and raw LMDB.
        case scan
    }

    public init(events: Int = 200_000, rounds: Int = 3, directory: String) {
        self.events = events
        self.rounds = rounds
        self.directory = directory
    }

    /// `MDB_NOSYNC` from lmdb.h: the raw loop uses the same flag as `.unsafeNoSync`.
    private static let mdbNoSync: UInt32 = 0x10000

    public func run(progress: @Sendable (String) -> Void = { _ in }) async throws -> LogBenchReport {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let workload = BenchWorkload(events: events, batch: batch, payloadBytes: payloadBytes)
        var figures: [String: [Double]] = [:]
        // One untimed pass of each writer first, so that no figure pays for warming the allocator
        // and the page cache.
        progress("warm-up")
        let warmUp = workload.prefix(events / 10)
        _ = try await appendRate(warmUp, .unsafeNoSync, "warm-ours")
        _ = try rawAppendRate(warmUp, "warm-raw")
        try removeStores()
        for round in 1...rounds {
            if phases.contains(.append) || phases.contains(.scan) {
                progress("round \(round)/\(rounds): appends")
                figures["ours", default: []].append(try await appendRate(workload, .unsafeNoSync, "ours"))
                figures["raw", default: []].append(try rawAppendRate(workload, "raw"))
                figures["rawIndexed", default: []].append(try rawAppendRate(workload, "raw-indexed", idIndex: true))
            }
            if phases.contains(.sqlite) || phases.contains(.scan) {
                progress("round \(round)/\(rounds): appends against SQLite")
                figures["relaxed", default: []].append(try await appendRate(workload, .relaxed, "relaxed"))
                figures["sqliteNormal", default: []].append(try sqliteAppendRate(workload, synchronous: 1, "normal"))
                let durable = workload.prefix(events / 10)
                settleDisk()
                figures["durable", default: []].append(try await appendRate(durable, .durable, "durable"))
                figures["sqliteFull", default: []].append(try sqliteAppendRate(durable, synchronous: 2, "full"))
            }
            if phases.contains(.group) {
                progress("round \(round)/\(rounds): group commit")
                // Let the kernel write back what the earlier phases left dirty, so that durable
                // commits do not queue behind it; both sides of the ratio run after this.
                settleDisk()
                figures["group", default: []].append(try await groupCommitRate("group"))
                figures["single", default: []].append(try await singleCommitRate("single"))
            }
            if phases.contains(.scan) {
                progress("round \(round)/\(rounds): scans")
                figures["scan", default: []].append(try scanRate("ours"))
                figures["sqliteScan", default: []].append(try sqliteScanRate("normal"))
                figures["rawScan", default: []].append(try rawScanRate("raw"))
            }
            if !(keepStores && round == rounds) { try removeStores() }
        }
        return report(figures.mapValues(Self.median), workload: workload, fsync: try fsyncLatency())
    }

    /// Flushes every dirty page of the system (`sync(2)`) before a durable measurement.
    private func settleDisk() {
        sync()
    }

    /// Each round starts from empty stores, so rounds do not pile data up in the page cache.
    private func removeStores() throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            try FileManager.default.removeItem(atPath: path(name))
        }
    }

    // MARK: Our log

    private func appendRate(_ workload: BenchWorkload, _ durability: Durability, _ name: String) async throws -> Double {
        let log = try EventLog.open(at: path(name), configuration: EventLogConfiguration(durability: durability))
        defer { log.close() }
        let batches = workload.batches()
        let started = ContinuousClock.now
        for batch in batches { try await log.append(batch) }
        return Double(workload.events) / (ContinuousClock.now - started).seconds
    }

    private func groupCommitRate(_ name: String) async throws -> Double {
        let log = try EventLog.open(at: path(name), configuration: EventLogConfiguration(durability: .durable))
        defer { log.close() }
        let appenders = concurrentAppenders
        let perAppender = appendsPerAppender
        let payload = [UInt8](repeating: 0x42, count: payloadBytes)
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for appender in 0..<appenders {
                group.addTask {
                    for _ in 0..<perAppender {
                        let event = ProposedEvent(type: "SampleEvent", actor: "bench", payload: payload)
                        try await log.append(AppendBatch(stream: "appender-\(appender)", events: [event]))
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(appenders * perAppender) / (ContinuousClock.now - started).seconds
    }

    private func singleCommitRate(_ name: String) async throws -> Double {
        let log = try EventLog.open(at: path(name), configuration: EventLogConfiguration(durability: .durable))
        defer { log.close() }
        let payload = [UInt8](repeating: 0x42, count: payloadBytes)
        let started = ContinuousClock.now
        for _ in 0..<singleCommits {
            try await log.append(AppendBatch(stream: "single", events: [ProposedEvent(type: "SampleEvent", actor: "bench", payload: payload)]))
        }
        return Double(singleCommits) / (ContinuousClock.now - started).seconds
    }

    /// A full read with every envelope field touched, as SQLite's scan touches every column.
    private func scanRate(_ name: String) throws -> Double {
        let log = try EventLog.open(at: path(name), configuration: EventLogConfiguration(readOnly: true))
        var checksum: UInt64 = 0
        let started = ContinuousClock.now
        let count = try log.scan { record in
            checksum &+= record.position &+ record.streamVersion &+ UInt64(bitPattern: record.recordedAtMicros)
            checksum &+= UInt64(record.streamBytes.count + record.typeBytes.count + record.payload.count)
            checksum &+= record.id.low
        }
        let seconds = (ContinuousClock.now - started).seconds
        guard count == events, checksum != 0 else { throw BenchError("the scan saw \(count) of \(events) events") }
        return Double(count) / seconds
    }

    // MARK: Baselines

    private func rawAppendRate(_ workload: BenchWorkload, _ name: String, idIndex: Bool = false) throws -> Double {
        let dir = path(name)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let record = [UInt8](repeating: 0x42, count: workload.recordBytes)
        let seconds = try Self.call { seconds, error, size in
            clog_raw_lmdb_append(
                dir, UInt64(workload.events), UInt32(workload.batch), record, record.count, Self.mdbNoSync,
                1 << 30, idIndex ? 1 : 0, seconds, error, size)
        }
        return Double(workload.events) / seconds
    }

    private func rawScanRate(_ name: String) throws -> Double {
        var rows: UInt64 = 0
        var bytes: UInt64 = 0
        let seconds = try Self.call { seconds, error, size in
            clog_raw_lmdb_scan(path(name), &rows, &bytes, seconds, error, size)
        }
        return Double(rows) / seconds
    }

    private func sqliteAppendRate(_ workload: BenchWorkload, synchronous: Int32, _ name: String) throws -> Double {
        let payload = [UInt8](repeating: 0x42, count: workload.payloadBytes)
        let seconds = try Self.call { seconds, error, size in
            clog_sqlite_append(
                path(name) + ".sqlite", UInt64(workload.events), UInt32(workload.batch), payload, payload.count,
                synchronous, seconds, error, size)
        }
        return Double(workload.events) / seconds
    }

    private func sqliteScanRate(_ name: String) throws -> Double {
        var rows: UInt64 = 0
        var bytes: UInt64 = 0
        let seconds = try Self.call { seconds, error, size in
            clog_sqlite_scan(path(name) + ".sqlite", &rows, &bytes, seconds, error, size)
        }
        return Double(rows) / seconds
    }

    private func fsyncLatency() throws -> Double {
        try Self.call { median, error, size in clog_fsync_latency(path("fsync-probe"), 200, 4096, median, error, size) }
    }

    /// Calls a baseline function and turns its status into a thrown error.
    private static func call(
        _ body: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<CChar>, Int) -> Int32
    ) throws -> Double {
        var value = 0.0
        var error = [CChar](repeating: 0, count: 512)
        let status = error.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return body(&value, base, buffer.count)
        }
        guard status == 0 else {
            throw BenchError("baseline failed (\(status)): " + String(decoding: error.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self))
        }
        return value
    }

    private func path(_ name: String) -> String { directory + "/" + name }

    private func report(_ m: [String: Double], workload: BenchWorkload, fsync: Double) -> LogBenchReport {
        func value(_ key: String) -> Double { m[key] ?? 0 }
        func ratio(_ a: String, _ b: String) -> Double { value(b) > 0 ? value(a) / value(b) : 0 }
        var report = LogBenchReport(
            append_batched_eps: value("ours"), raw_lmdb_eps: value("raw"), ratio_vs_raw: ratio("ours", "raw"),
            raw_lmdb_indexed_eps: value("rawIndexed"), ratio_vs_raw_indexed: ratio("ours", "rawIndexed"),
            group_commit_eps: value("group"), single_commit_eps: value("single"),
            group_commit_ratio: ratio("group", "single"), fsync_latency_us: fsync,
            log_relaxed_eps: value("relaxed"), sqlite_normal_eps: value("sqliteNormal"),
            sqlite_append_ratio: ratio("relaxed", "sqliteNormal"), log_durable_eps: value("durable"),
            sqlite_full_eps: value("sqliteFull"), sqlite_durable_append_ratio: ratio("durable", "sqliteFull"),
            scan_eps: value("scan"), sqlite_scan_eps: value("sqliteScan"),
            sqlite_scan_ratio: ratio("scan", "sqliteScan"), raw_lmdb_scan_eps: value("rawScan"),
            events: workload.events, batch: workload.batch, payload_bytes: workload.payloadBytes,
            record_bytes: workload.recordBytes, rounds: rounds, configuration: configuration(workload), misses: [])
        report.misses = Self.goals.compactMap { key, goal, figure in
            let actual = figure(report)
            return actual >= goal || actual == 0 ? nil : "\(key) = \(Self.format(actual)), goal ≥ \(Self.format(goal))"
        }
        return report
    }

    /// The mission's goals for this suite.
    static let goals: [(String, Double, @Sendable (LogBenchReport) -> Double)] = [
        ("ratio_vs_raw", 0.5, { $0.ratio_vs_raw }),
        ("group_commit_ratio", 20, { $0.group_commit_ratio }),
        ("sqlite_append_ratio", 3, { $0.sqlite_append_ratio }),
        ("sqlite_scan_ratio", 5, { $0.sqlite_scan_ratio }),
        ("scan_eps", 5_000_000, { $0.scan_eps }),
    ]

    private func configuration(_ workload: BenchWorkload) -> [String: String] {
        let shape = "\(workload.events) events, \(workload.batch) per transaction, \(workload.payloadBytes)-byte payloads"
        let durable = workload.prefix(events / 10)
        return [
            "append_batched_eps": "EventLog .unsafeNoSync (MDB_NOSYNC), \(shape), event-id and stream indexes maintained",
            "raw_lmdb_eps": "C loop, MDB_NOSYNC, MDB_APPEND, \(shape), \(workload.recordBytes)-byte values, no indexes",
            "raw_lmdb_indexed_eps": "the same C loop plus one 16-byte-key event-id index entry per event (MDB_APPEND)",
            "group_commit_eps": "EventLog .durable, \(concurrentAppenders) tasks × \(appendsPerAppender) single-event appends",
            "single_commit_eps": "EventLog .durable, \(singleCommits) single-event appends one after another",
            "fsync_latency_us": "C, 4 KiB pwrite + fsync, median of 200",
            "log_relaxed_eps": "EventLog .relaxed (MDB_NOMETASYNC), \(shape)",
            "sqlite_normal_eps": "SQLite \(Self.sqliteVersion) WAL, synchronous=NORMAL, prepared insert, \(shape), "
                + "UNIQUE(event_id), UNIQUE(stream, version)",
            "log_durable_eps": "EventLog .durable, \(durable.events) events, \(durable.batch) per transaction",
            "sqlite_full_eps": "SQLite WAL, synchronous=FULL, \(durable.events) rows, \(durable.batch) per transaction",
            "scan_eps": "EventLog.scan over the .unsafeNoSync store, every envelope field touched, zero-copy views",
            "sqlite_scan_eps": "SQLite SELECT * ORDER BY position over the NORMAL table, every column touched",
            "raw_lmdb_scan_eps": "C cursor loop over the raw store, value sizes summed",
        ]
    }

    static var sqliteVersion: String { String(cString: clog_sqlite_version()) }

    static func format(_ value: Double) -> String {
        value >= 1000 ? String(format: "%.0f", value) : String(format: "%.2f", value)
    }

    /// The median of `values`; 0 for none.
    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Duration {
    /// The duration in seconds, as a `Double`: what every figure is computed from.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
