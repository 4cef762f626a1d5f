/// What a CSV column can hold for a contact.
public enum ContactField: Sendable, Hashable, CustomStringConvertible {
    case name, firstName, lastName
    /// A phone number; several columns may hold phones (mobile, office, …).
    case phone
    case email, company, title, source, timeZone, notes
    /// A custom field of the workspace, by key.
    case custom(String)
    /// Not imported.
    case ignored

    public var description: String {
        switch self {
        case .name: "name"
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .phone: "phone"
        case .email: "email"
        case .company: "company"
        case .title: "title"
        case .source: "source"
        case .timeZone: "time_zone"
        case .notes: "notes"
        case .custom(let key): "custom." + key
        case .ignored: "ignored"
        }
    }

    /// Reads ``description``'s spelling back (`phone`, `custom.industry`); nil for anything else.
    public init?(_ text: String) {
        if text.hasPrefix("custom."), text.count > 7 {
            self = .custom(String(text.dropFirst(7)))
            return
        }
        let all: [ContactField] = [.name, .firstName, .lastName, .phone, .email, .company, .title, .source, .timeZone, .notes, .ignored]
        guard let field = all.first(where: { $0.description == text }) else { return nil }
        self = field
    }
}
