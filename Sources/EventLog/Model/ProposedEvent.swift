/// An event offered to the log: everything but what the log assigns (position, stream version,
/// recorded-at and chain hash).
///
/// The log treats `payload` as opaque bytes. The business time of the command that produced the
/// event belongs in the payload; the log's own recorded-at is a monotonic commit stamp.
public struct ProposedEvent: Hashable, Sendable {
    public var id: EventID
    /// The event's type name, such as `"ContactImported"`. At most ``RecordLayout/maxNameBytes`` UTF-8 bytes.
    public var type: String
    /// The version of the payload's schema, for upcasting.
    public var schemaVersion: UInt32
    /// Who caused the event, such as a member id. May be empty.
    public var actor: String
    public var correlationID: EventID?
    public var causationID: EventID?
    public var payload: [UInt8]

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
