public import Foundation

/// An event as the log holds it: the envelope the log assigned plus the proposed content.
public struct RecordedEvent: Hashable, Sendable {
    /// The global position: dense, gap-free and strictly increasing, starting at 1.
    public var position: UInt64
    /// The stream the event belongs to.
    public var stream: String
    /// The version within the stream: dense, starting at 1.
    public var streamVersion: UInt64
    /// The event's unique id.
    public var id: EventID
    /// The event's type name.
    public var type: String
    /// The payload's schema version.
    public var schemaVersion: UInt32
    /// When the log committed the event, in microseconds since the Unix epoch; never decreases.
    public var recordedAtMicros: Int64
    /// Who caused the event.
    public var actor: String
    /// The correlation id, when given.
    public var correlationID: EventID?
    /// The causation id, when given.
    public var causationID: EventID?
    /// The payload bytes, opaque to the log.
    public var payload: [UInt8]
    /// The hash chain's value after this record.
    public var chainHash: ChainHash

    public init(
        position: UInt64, stream: String, streamVersion: UInt64, id: EventID, type: String, schemaVersion: UInt32,
        recordedAtMicros: Int64, actor: String, correlationID: EventID?, causationID: EventID?, payload: [UInt8],
        chainHash: ChainHash
    ) {
        self.position = position
        self.stream = stream
        self.streamVersion = streamVersion
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.recordedAtMicros = recordedAtMicros
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.payload = payload
        self.chainHash = chainHash
    }

    /// ``recordedAtMicros`` as a `Date`.
    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicros) / 1_000_000) }
}
