/// A person whose personal data the store holds, such as a contact or a member. Each has its own
/// key; forgetting the subject deletes it.
public struct DataSubject: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// What kind of subject this is.
    public enum Kind: String, Sendable, CaseIterable {
        case contact
        case member
    }

    public let kind: Kind
    /// The subject's id within its kind, such as a contact id.
    public let id: String

    /// The most bytes an id may have.
    public static let maxIDBytes = 200

    /// Throws ``PersonalDataError/invalidSubject`` for an empty id, one over ``maxIDBytes`` or one
    /// that holds a NUL or `:` (the separators of the key store's composite keys).
    public init(_ kind: Kind, _ id: String) throws(PersonalDataError) {
        guard !id.isEmpty, id.utf8.count <= Self.maxIDBytes, !id.utf8.contains(0), !id.contains(":") else {
            throw .invalidSubject("a \(kind.rawValue) id must have 1 to \(Self.maxIDBytes) bytes, without NUL or ':': \(id.debugDescription)")
        }
        self.kind = kind
        self.id = id
    }

    /// `kind:id`, the subject's name in the key store and in associated data.
    public var description: String { kind.rawValue + ":" + id }

    var bytes: [UInt8] { Array(description.utf8) }

    public static func < (lhs: DataSubject, rhs: DataSubject) -> Bool { lhs.description < rhs.description }
}
