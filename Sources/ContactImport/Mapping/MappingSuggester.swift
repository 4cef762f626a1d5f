/// Suggests which contact field each column holds: the mapping remembered for the same headers
/// first, else the header's name and its synonyms, else a custom field's key or label.
public struct MappingSuggester: Sendable {
    /// Why a column got its suggestion.
    public enum Reason: String, Sendable, Equatable {
        case remembered, synonym, customField = "custom_field", unknown
    }

    public struct Suggestion: Sendable, Equatable {
        public let column: Int
        public let header: String
        public let field: ContactField
        public let reason: Reason
    }

    /// Normalized header → field.
    static let synonyms: [String: ContactField] = {
        var table: [String: ContactField] = [:]
        let groups: [(ContactField, [String])] = [
            (.name, ["name", "full name", "contact", "contact name", "person", "lead name", "prospect"]),
            (.firstName, ["first name", "firstname", "first", "given name", "forename"]),
            (.lastName, ["last name", "lastname", "last", "surname", "family name"]),
            (.phone, [
                "phone", "phone number", "phone no", "telephone", "telephone number", "tel", "mobile", "mobile phone", "mobile number",
                "cell", "cell phone", "work phone", "office phone", "direct dial", "direct", "landline", "number", "phone 1", "phone 2",
            ]),
            (.email, ["email", "e mail", "email address", "e mail address", "mail", "work email"]),
            (.company, ["company", "company name", "organisation", "organization", "account", "account name", "business", "employer"]),
            (.title, ["title", "job title", "position", "job", "role"]),
            (.source, ["source", "lead source", "list", "origin"]),
            (.timeZone, ["time zone", "timezone", "tz"]),
            (.notes, ["notes", "note", "comments", "comment", "remarks"]),
        ]
        for (field, names) in groups {
            for name in names { table[name] = field }
        }
        return table
    }()

    public init() {}

    /// One suggestion a column. `customFields` are the workspace's (key, label) pairs;
    /// `remembered` the mappings saved before, by ``ColumnHeader/signature(_:)``.
    public func suggest(headers: [String], customFields: [(key: String, label: String)], remembered: [String: [ContactField]]) -> [Suggestion] {
        if let memory = remembered[ColumnHeader.signature(headers)], memory.count == headers.count {
            return headers.enumerated().map { Suggestion(column: $0.offset, header: $0.element, field: memory[$0.offset], reason: .remembered) }
        }
        let custom = customFields.flatMap { [(ColumnHeader.normalized($0.key), $0.key), (ColumnHeader.normalized($0.label), $0.key)] }
        return headers.enumerated().map { column, header in
            let name = ColumnHeader.normalized(header)
            if let field = Self.synonyms[name] { return Suggestion(column: column, header: header, field: field, reason: .synonym) }
            if let key = custom.first(where: { $0.0 == name })?.1 {
                return Suggestion(column: column, header: header, field: .custom(key), reason: .customField)
            }
            return Suggestion(column: column, header: header, field: .ignored, reason: .unknown)
        }
    }
}
