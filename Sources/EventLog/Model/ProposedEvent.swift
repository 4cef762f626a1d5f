/// An event offered to the log: everything but what the log assigns (position, stream version,
/// recorded-at and chain hash).
///
/// The log treats `payload` as opaque bytes. The business time of the command that produced the
/// event belongs in the payload; the log's own recorded-at is a monotonic commit stamp.
public struct ProposedEvent: Hashable, Sendable {
    /// The unique id; re-appending it with the same content is idempotent.
    public var id: EventID
    /// The event's type name, such as `"ContactImported"`. At most ``RecordLayout/maxNameBytes`` UTF-8 bytes.
    public var type: String
    /// The version of the payload's schema, for upcasting.
    public var schemaVersion: UInt32
    /// Who caused the event, such as a member id. May be empty.
    public var actor: String
    /// The id that correlates a whole conversation or process, if any.
    public var correlationID: EventID?
    /// The id of the command or event that caused this one, if any.
    public var causationID: EventID?
    /// The payload, opaque to the log (at most ``RecordLayout/maxPayloadBytes``).
    public var payload: [UInt8]

    /// An event with a fresh time-ordered id unless one is given.
    public init(
        id: EventID = .make(), type: String, schemaVersion: UInt32 = 1, actor: String = "",
        correlationID: EventID? = nil, causationID: EventID? = nil, payload: [UInt8]
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.payload = payload
    }
}
