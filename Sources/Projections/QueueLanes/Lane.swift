import CallStackDomain

/// The five queue lanes of a campaign, in precedence order: an enrolment that qualifies for
/// several is in the first. See `docs/QUEUE.md` for the table.
public enum Lane: Int, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// A scheduled callback that has come due; overdue ones first.
    case callback = 0
    /// A hot-lead outcome waiting for its fast follow-up; escalated after the service-level time.
    case hotLead
    /// Owned by a deactivated caller, or owned and not attempted for the staleness threshold.
    case redistributable
    /// Attempted before, its outcome's recycle delay over, attempts left.
    case retry
    /// Never attempted, ordered by the priority score.
    case priority

    public static func < (lhs: Lane, rhs: Lane) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .callback: "callback"
        case .hotLead: "hot-lead"
        case .redistributable: "redistributable"
        case .retry: "retry"
        case .priority: "priority"
        }
    }

    /// The lane a CLI or API name stands for.
    public init?(named name: String) {
        guard let lane = Lane.allCases.first(where: { $0.description == name }) else { return nil }
        self = lane
    }
}

/// Where an enrolment stands at a moment: in a lane, or out of every lane for a reason; and
/// when that may next change by time alone.
public struct Placement: Sendable, Equatable {
    public let lane: Lane?
    /// The rule that put it there or kept it out.
    public let why: PlacementReason
    /// When time alone moves it next (a recycle delay ending, a callback coming due, an
    /// escalation, staleness); nil when only an event will.
    public let wake: Int64?
    /// Its order within the lane: lower comes first.
    public let key: Int64

    public init(lane: Lane?, why: PlacementReason, wake: Int64? = nil, key: Int64 = 0) {
        self.lane = lane
        self.why = why
        self.wake = wake
        self.key = key
    }

    /// The rule, in words (formatted only when asked: placing is the hot path).
    public var reason: String { why.description }

    /// Out of every lane because its number failed on too many separate days.
    public var held: Bool {
        if case .held = why { true } else { false }
    }
}

/// Why an enrolment is where it is: one case per row of the precedence table.
public enum PlacementReason: Sendable, Equatable, CustomStringConvertible {
    case notEnrolled
    case forgotten
    case archived
    case inCall
    case final(outcome: String)
    case held(failedDays: Int32, hold: Int32)
    case callbackScheduled(due: Int64)
    case callbackDue(due: Int64, owner: String)
    case exhausted(attempts: Int32, cap: Int32)
    case resting(until: Int64)
    case hotLead(since: Int64, escalation: Int64, escalated: Bool)
    case ownerDeactivated(owner: String)
    case stale(owner: String, since: Int64)
    case waiting(until: Int64)
    case recycled(due: Int64, attempts: Int32, cap: Int32)
    case fresh(score: Int64)

    public var description: String {
        switch self {
        case .notEnrolled: "not enrolled"
        case .forgotten: "the contact is forgotten"
        case .archived: "the contact is archived"
        case .inCall: "in call: a reservation or call is open"
        case .final(let outcome): "final outcome \(outcome)"
        case .held(let days, let hold): "held: calls failed on \(days) separate days (hold at \(hold))"
        case .callbackScheduled(let due): "callback scheduled for \(Self.time(due))"
        case .callbackDue(let due, let owner): "callback due at \(Self.time(due))" + (owner.isEmpty ? "" : ", for \(owner) only")
        case .exhausted(let attempts, let cap): "exhausted: \(attempts) attempts of \(cap)"
        case .resting(let until): "resting: the day's attempts or the call spacing, until \(Self.time(until))"
        case .hotLead(let since, let escalation, let escalated):
            "hot lead since \(Self.time(since))" + (escalated ? ", escalated at \(Self.time(escalation))" : "")
        case .ownerDeactivated(let owner): "owner \(owner) is deactivated"
        case .stale(let owner, let since): "owned by \(owner), no attempt since \(Self.time(since))"
        case .waiting(let until): "waiting: recycle delay until \(Self.time(until))"
        case .recycled(let due, let attempts, let cap): "recycle delay over at \(Self.time(due)); \(attempts) attempts of \(cap)"
        case .fresh(let score): "never attempted; score \(score)"
        }
    }

    static func time(_ micros: Int64) -> String { BusinessTime(micros: micros).iso8601 }
}
