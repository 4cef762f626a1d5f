public import CallStackDomain
public import Projections

/// Why an enrolment was, or was not, in a lane at a moment (``Engine/explainQueue(contact:campaign:at:asking:)``),
/// derived from history: the events of the workspace, the campaign and the contact recorded for
/// business times up to that moment, folded as the queue folds them.
public struct QueueExplanation: Sendable {
    public let contactID: String
    public let campaignID: String
    public let at: BusinessTime
    /// The lane (or none) and the rule, at `at`.
    public let placement: Placement
    /// What the queue knew of the enrolment then.
    public let record: EnrolmentRecord
    /// The contact's events in the campaign up to `at`, oldest first: "time type".
    public let history: [String]
}
