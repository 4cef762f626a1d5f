/// A contact as a valid row describes it, before it is sealed and recorded.
public struct ContactDraft: Sendable, Equatable {
    public var name = ""
    public var title = ""
    public var phones: [PhoneNumber] = []
    public var emails: [EmailAddress] = []
    public var company = ""
    /// A source option's id.
    public var source = ""
    /// IANA, when the file gives one.
    public var timeZone = ""
    public var notes = ""
    /// Custom field key → value, in the workspace's field order.
    public var custom: [(key: String, value: String)] = []

    public init() {}

    public static func == (lhs: ContactDraft, rhs: ContactDraft) -> Bool {
        lhs.name == rhs.name && lhs.title == rhs.title && lhs.phones == rhs.phones && lhs.emails == rhs.emails
            && lhs.company == rhs.company && lhs.source == rhs.source && lhs.timeZone == rhs.timeZone && lhs.notes == rhs.notes
            && lhs.custom.map(\.key) == rhs.custom.map(\.key) && lhs.custom.map(\.value) == rhs.custom.map(\.value)
    }
}
