/// The figures of `callstack bench replay`. Rates are medians over ``rounds`` side-by-side rounds
/// in one process, each beside the raw scan of the same log in the same round.
public struct ReplayBenchReport: Codable, Sendable {
    /// Events in the replayed log.
    public var events: Int
    public var rounds: Int
    /// A full scan of the log, payload bytes touched, nothing decoded: events per second.
    public var scan_eps: Double
    /// Rebuild of `event-counts` (envelopes only: each payload's type and version checked, counted
    /// by type and stream), the fold alone; goal ≥ 2M.
    public var counting_eps: Double
    /// Rebuild of `campaign-progress` (decoded, two dictionaries updated per event), the fold
    /// alone; goal ≥ 1M.
    public var realistic_eps: Double
    public var counting_ratio_vs_scan: Double
    public var realistic_ratio_vs_scan: Double
    /// The digest of each rebuilt state (canonical form + SHA-256), in milliseconds: once per
    /// rebuild, linear in the state's size, outside the rates above.
    public var counting_digest_ms: Double
    public var realistic_digest_ms: Double
    /// Sealing one personal field (AES-256-GCM, HMAC-derived nonce), fields per second.
    public var seal_fields_per_second: Double
    /// Opening one sealed field at query time (key cached), fields per second.
    public var open_fields_per_second: Double
    /// Bytes a sealed 15-byte name costs in the log, against its plaintext.
    public var sealed_field_overhead_bytes: Int
    /// The store opened with a snapshot: its events, and the seconds from `EventLog.open` to a
    /// `campaign-progress` runner caught up to the head; goal ≤ 1 s for 10M events.
    public var open_events: Int
    public var open_seconds: Double
    /// Events the open applied after the snapshot (≤ head − snapshot position).
    public var open_events_applied: Int
    /// The same projection rebuilt from zero on that store, for comparison.
    public var open_cold_rebuild_seconds: Double
    public var snapshot_bytes: Int
    /// Goals that were missed, with the figure.
    public var misses: [String]
}
