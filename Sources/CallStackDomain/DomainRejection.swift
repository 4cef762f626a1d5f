/// Why a command was refused. A refused command writes nothing.
public enum DomainRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The actor's role does not allow the command.
    case notAuthorized(actor: String, action: String, requires: String)
    /// The command names something that does not exist.
    case notFound(String)
    /// The command itself is malformed, or conflicts with the state (a duplicate id, the last
    /// Team Admin, …).
    case invalidCommand(String)
    /// Several problems at once: a rejection names every problem, not just the first.
    case several([DomainRejection])

    /// One rejection for `problems`: the problem itself when there is one, ``several(_:)`` for more;
    /// nil for none.
    public static func of(_ problems: [DomainRejection]) -> DomainRejection? {
        problems.count > 1 ? .several(problems) : problems.first
    }

    public var description: String {
        switch self {
        case .notAuthorized(let actor, let action, let requires): "\(actor) may not \(action): it takes a \(requires)"
        case .notFound(let what): "not found: \(what)"
        case .invalidCommand(let why): "invalid command: \(why)"
        case .several(let problems): problems.map(\.description).joined(separator: "; ")
        }
    }
}
