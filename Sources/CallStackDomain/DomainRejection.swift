/// Why a command was refused. A refused command writes nothing.
public enum DomainRejection: Error, Sendable, Equatable, CustomStringConvertible {
    /// The actor's role does not allow the command.
    case notAuthorized(actor: String, action: String, requires: String)
    /// The command names something that does not exist.
    case notFound(String)
    /// The command itself is malformed.
    case invalidCommand(String)

    public var description: String {
        switch self {
        case .notAuthorized(let actor, let action, let requires): "\(actor) may not \(action): it takes a \(requires)"
        case .notFound(let what): "not found: \(what)"
        case .invalidCommand(let why): "invalid command: \(why)"
        }
    }
}
