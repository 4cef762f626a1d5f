public import CallStackDomain

/// One line of the audit trail: who did what, when, to which thing, and the before and after of
/// each field it changed.
public struct AuditEntry: Sendable, Equatable {
    /// One changed field: nil before for a field that is new, nil after for one that is gone.
    public struct Change: Sendable, Equatable {
        /// The field's path in the thing, in protobuf field names, such as `role` or
        /// `call_handling.outcomes[meeting].flags`.
        public let field: String
        public let before: String?
        public let after: String?

        public init(field: String, before: String?, after: String?) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    public let position: UInt64
    /// The business time of the command that caused it.
    public let at: BusinessTime
    /// The member who issued the command.
    public let actor: String
    public let stream: String
    public let type: String
    /// The thing it changed, such as `member max`, `campaign spring`, `settings`.
    public let thing: String
    /// Sorted by field path; empty for an event that changed no field (a receipt, a repeat).
    public let changes: [Change]
}
