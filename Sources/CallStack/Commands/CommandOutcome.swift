public import CallStackDomain

/// What ``Engine/handle(_:)`` did with a command.
public enum CommandOutcome: Sendable, Equatable {
    /// The command was decided and its events recorded at `positions` (nil when it changed
    /// nothing). `replayed` is true when the command id had been handled before: nothing new was
    /// recorded, and `positions` starts at the first event it recorded then.
    case accepted(positions: ClosedRange<UInt64>?, replayed: Bool)
    /// The command was refused; nothing was recorded.
    case rejected(DomainRejection)
}
