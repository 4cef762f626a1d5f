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
    /// Why, in words: the rule that put it there or kept it out.
    public let reason: String
    /// When time alone moves it next (a recycle delay ending, a callback coming due, an
    /// escalation, staleness); nil when only an event will.
    public let wake: Int64?
    /// Its order within the lane: lower comes first.
    public let key: Int64
    /// Out of every lane because its number failed on too many separate days.
    public let held: Bool

    public init(lane: Lane?, reason: String, wake: Int64? = nil, key: Int64 = 0, held: Bool = false) {
        self.lane = lane
        self.reason = reason
        self.wake = wake
        self.key = key
        self.held = held
    }
}
