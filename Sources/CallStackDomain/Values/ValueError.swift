/// A value that breaks its type's invariant: bad input, reported, never trapped on.
public enum ValueError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPhone(String)
    case invalidMoney(String)
    case invalidTime(String)

    public var description: String {
        switch self {
        case .invalidPhone(let why), .invalidMoney(let why), .invalidTime(let why): why
        }
    }
}
