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
    /// Decodes a recorded event's payload through `registry`, upcast to its current version.
    public init(_ record: RecordedEvent, registry: EventRegistry) throws {
        self.init(
            position: record.position, stream: record.stream, streamVersion: record.streamVersion, type: record.type,
            recordedAtMicros: record.recordedAtMicros, actor: record.actor,
            message: try registry.decodeCurrent(record.type, version: record.schemaVersion, payload: record.payload))
    }
}
