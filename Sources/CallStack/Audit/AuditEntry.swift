public import CallStackDomain

/// One line of the audit trail: who did what, when, to which thing, and the before and after of
/// each field it changed.
public struct AuditEntry: Sendable, Equatable {
    /// One changed field: nil before for a field that is new, nil after for one that is gone.
    public struct Change: Sendable, Equatable {
        /// The field's path in the thing, in protobuf field names, such as `role` or
        /// `call_handling.outcomes[meeting].flags`.
        public let field: String
        /// The value before the event, as text; nil when the field had none.
        public let before: String?
        /// The value after the event, as text; nil when the event removed it.
        public let after: String?

        /// A change of `field` from `before` to `after`.
        public init(field: String, before: String?, after: String?) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    /// The event's position in the log.
    public let position: UInt64
    /// The business time of the command that caused it.
    public let at: BusinessTime
    /// The member who issued the command.
    public let actor: String
    /// The stream the event is on, such as `campaign-spring`.
    public let stream: String
    /// The event's type, such as `CampaignBriefChanged`.
    public let type: String
    /// The thing it changed, such as `member max`, `campaign spring`, `settings`.
    public let thing: String
    /// Sorted by field path; empty for an event that changed no field (a receipt, a repeat).
    public let changes: [Change]
}
