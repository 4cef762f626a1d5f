/// How ``EventLog/open(at:configuration:)`` sets up a store.
public struct EventLogConfiguration: Sendable {
    /// How hard each commit works to survive a crash; `.durable` unless you know better.
    public var durability: Durability = .durable
    /// The map size a new store starts with. The map is sparse, so a generous size costs no disk;
    /// it doubles by itself before it fills up, and an existing store keeps its larger size.
    public var initialMapSize: Int = 1 << 30
    /// The map is doubled after a commit that leaves it fuller than this fraction.
    public var growthThreshold: Double = 0.75
    /// Concurrent read transactions across all processes using the store.
    public var maxReaders: UInt32 = 512

    public init(durability: Durability = .durable, initialMapSize: Int = 1 << 30) {
        self.durability = durability
        self.initialMapSize = initialMapSize
    }
}
