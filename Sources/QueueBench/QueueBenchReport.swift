/// What `callstack bench queue --json` prints.
public struct QueueBenchReport: Codable, Sendable {
    public var contacts: Int
    public var callers: Int
    public var days: Int
    public var events: Int
    /// Replay into the queue lanes from zero, events per second (median of the rounds).
    public var replay_eps: Double
    /// The raw scan of the same log in the same rounds (no decoding), events per second.
    public var raw_scan_eps: Double
    public var replay_to_raw_ratio: Double
    /// Selection plus lease for one caller, excluding the reservation's commit.
    public var next_p50_us: Double
    public var next_p99_us: Double
    public var next_samples: Int
    /// Selections that found nobody eligible (a drained or closed queue), out of the samples.
    public var next_empty: Int
    public var peak_rss_bytes: Int
    /// Campaign → lane → enrolments, at the queue's clock (the last event's time), before the clock
    /// moves on and the selections reserve.
    public var lane_counts: [String: [String: Int]]
    /// Moving the clock a day past the last event: milliseconds (every timer due in that day fires).
    public var advance_day_ms: Double
    public var digest: String
    public var goal_replay_eps: Double = 1_000_000
    public var goal_next_p99_us: Double = 20
    public var goal_peak_rss_bytes: Int = 1_500_000_000
    public var misses: [String] = []
}
