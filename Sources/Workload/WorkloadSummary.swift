/// What a generated workload did.
public struct WorkloadSummary: Sendable, Equatable {
    public var commands = 0
    public var imported = 0
    public var importRejected = 0
    public var reservations = 0
    public var dials = 0
    public var idleTurns = 0
    public var expired = 0
    /// Outcome id → times saved.
    public var outcomes: [String: Int] = [:]
    /// Refusal → times (a dial to a number suppressed since, say).
    public var refusals: [String: Int] = [:]

    public init() {}
}
