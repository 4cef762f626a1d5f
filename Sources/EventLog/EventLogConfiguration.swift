/// How ``EventLog/open(at:configuration:)`` sets up a store.
public struct EventLogConfiguration: Sendable {
    /// How hard each commit works to survive a crash; `.durable` unless you know better.
    public var durability: Durability = .durable
    /// The map size a new store starts with. The map is sparse, so a generous size costs no disk;
    /// it doubles by itself before it fills up, and an existing store keeps its larger size.
    public var initialMapSize: Int = 1 << 30
    /// The map is doubled after a commit that leaves it fuller than this fraction.
    public var growthThreshold: Double = 0.75
    /// How long the writer may wait for a group to fill when the previous commit carried several
    /// appends: the appenders it released are on their way back. Bounded, and never spent for a
    /// lone appender. Zero commits whatever is queued at once.
    public var groupCommitWindow: Duration = .microseconds(150)
    /// Concurrent read transactions across all processes using the store.
    public var maxReaders: UInt32 = 512
    /// Opens the store for reading only (`MDB_RDONLY`): nothing is written, not even at open, and
    /// appends fail with `.closed`. The store must exist. For auditors and for verifying a store
    /// that may be damaged.
    public var readOnly = false

    public init(durability: Durability = .durable, initialMapSize: Int = 1 << 30, readOnly: Bool = false) {
        self.durability = durability
        self.initialMapSize = initialMapSize
        self.readOnly = readOnly
    }
}
