public import CallStackEvents
public import EventLog

/// A stream's events, decoded and upcast, with the version to expect when appending after them:
/// what a decider folds before it decides.
public struct StreamHistory: Sendable {
    public let stream: String
    public let events: [DecodedEvent]
    /// The stream's version: 0 when it does not exist.
    public let version: UInt64

    /// Reads the whole stream through `registry`.
    ///
    /// - Throws: ``EventLogError`` from the log, or ``EventContractError`` for an event the
    ///   registry cannot read.
    public init(of stream: String, in log: EventLog, registry: EventRegistry = .callstack) throws {
        let records = try log.read(stream: stream)
        self.stream = stream
        events = try records.map { try DecodedEvent($0, registry: registry) }
        version = records.last?.streamVersion ?? 0
    }
}

extension DecodedEvent {
    /// Reads a record in place: its payload decoded through `registry` (upcast to the current
    /// version), or, without `decodingPayload`, only checked to be of a registered type and version.
    public init(_ record: RecordView, registry: EventRegistry, decodingPayload: Bool) throws {
        let type = record.type
        let message = try decodingPayload
            ? registry.decodeCurrent(type, version: record.schemaVersion, payload: Array(record.payload))
            : registry.envelopeOnly(type, version: record.schemaVersion)
        self.init(
            position: record.position, stream: record.stream, streamVersion: record.streamVersion, type: type,
            recordedAtMicros: record.recordedAtMicros, actor: String(decoding: record.actorBytes, as: UTF8.self),
            message: message)
    }

    /// Decodes a recorded event's payload through `registry`, upcast to its current version.
    public init(_ record: RecordedEvent, registry: EventRegistry) throws {
        self.init(
            position: record.position, stream: record.stream, streamVersion: record.streamVersion, type: record.type,
            recordedAtMicros: record.recordedAtMicros, actor: record.actor,
            message: try registry.decodeCurrent(record.type, version: record.schemaVersion, payload: record.payload))
    }
}
