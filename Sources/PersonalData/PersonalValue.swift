/// A personal field as a query sees it, once opened.
public enum PersonalValue: Hashable, Sendable, CustomStringConvertible {
    /// The field was never set.
    case absent
    /// The subject was forgotten (or its key is not in this store): the value cannot be read.
    case erased
    /// The value.
    case text(String)

    /// The text, or nil when absent or erased.
    public var text: String? {
        if case .text(let value) = self { value } else { nil }
    }

    /// The text, `(erased)` or the empty string.
    public var description: String {
        switch self {
        case .absent: ""
        case .erased: "(erased)"
        case .text(let value): value
        }
    }
}
