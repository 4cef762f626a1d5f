/// Events for one stream, appended together if the stream matches `expected`.
public struct AppendBatch: Hashable, Sendable {
    /// The stream to append to.
    public var stream: String
    /// What the stream must hold for the batch to be written.
    public var expected: ExpectedVersion
    /// The events, in order; at least one.
    public var events: [ProposedEvent]

    /// A batch for `stream`, checked against `expected` (no check by default).
    public init(stream: String, expected: ExpectedVersion = .any, events: [ProposedEvent]) {
        self.stream = stream
        self.expected = expected
        self.events = events
    }
}

/// Where one batch landed.
public struct AppendedBatch: Hashable, Sendable {
    /// The stream the batch went to.
    public var stream: String
    /// The global positions of the batch's events, dense and in order.
    public var positions: ClosedRange<UInt64>
    /// The stream versions of the batch's events, dense and in order.
    public var versions: ClosedRange<UInt64>
    /// True when every event was already in the log with the same content, so nothing was written.
    public var wasDuplicate: Bool

    /// The stream's version after this batch: pass it as `.exact(_:)` to append again.
    public var streamVersion: UInt64 { versions.upperBound }
}

/// The result of one atomic append call: one ``AppendedBatch`` per batch, in order.
public struct AppendResult: Hashable, Sendable {
    /// The batches' results, in the order they were given.
    public var batches: [AppendedBatch]

    /// The last position written by this call (or, for a duplicate, originally written).
    public var lastPosition: UInt64 { batches.map(\.positions.upperBound).max() ?? 0 }
}
