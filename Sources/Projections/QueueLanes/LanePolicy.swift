public import CallStackDomain

/// Which lane an enrolment is in at a moment, and why: the precedence table, as code. Pure:
/// the record, the rules, the contact's facts and "now" are parameters.
///
/// | Order | Out of every lane, or lane | When |
/// |---|---|---|
/// | 1 | out: not enrolled, archived, forgotten | |
/// | 2 | out: in call | a reservation or call is open |
/// | 3 | out: final | its last outcome is FINAL |
/// | 4 | out: held | its number failed on the hold's number of separate days |
/// | 5 | callback, or out: scheduled | a callback is scheduled: in the lane once due |
/// | 6 | out: exhausted | attempts reached the cap (the campaign's, lowered by the last outcome's) |
/// | 7 | hot lead | its last outcome was a hot lead, not yet followed up |
/// | 8 | redistributable | owned, and the owner deactivated, or no attempt for the staleness threshold |
/// | 9 | retry, or out: waiting | attempted before: in the lane once the recycle delay is over |
/// | 10 | priority | never attempted |
public struct LanePolicy: Sendable {
    public let rules: LaneRules

    public init(rules: LaneRules) {
        self.rules = rules
    }

    /// The scale of the routing priority in the priority score: a point of routing priority
    /// outweighs any contact value (0 to 999,999).
    public static let routingWeight: Int64 = 1_000_000

    /// A time as reasons show it.
    static func time(_ micros: Int64) -> String { BusinessTime(micros: micros).iso8601 }

    public func place(
        _ record: EnrolmentRecord, facts: ContactFacts, archived: Bool, forgotten: Bool, ownerActive: (String) -> Bool, at now: Int64
    ) -> Placement {
        guard record.enrolled else { return Placement(lane: nil, reason: "not enrolled") }
        if forgotten { return Placement(lane: nil, reason: "the contact is forgotten") }
        if archived { return Placement(lane: nil, reason: "the contact is archived") }
        if record.busy { return Placement(lane: nil, reason: "in call: a reservation or call is open") }
        if record.final { return Placement(lane: nil, reason: "final outcome \(record.lastOutcomeID)") }
        if record.failedDays >= rules.failedHoldDays {
            return Placement(lane: nil, reason: "held: calls failed on \(record.failedDays) separate days (hold at \(rules.failedHoldDays))", held: true)
        }
        if let due = record.callbackDue {
            guard now >= due else { return Placement(lane: nil, reason: "callback scheduled for \(Self.time(due))", wake: due) }
            return Placement(lane: .callback, reason: "callback due at \(Self.time(due))" + (record.callbackOwner.isEmpty ? "" : ", for \(record.callbackOwner) only"), key: due)
        }
        let cap = rules.attemptCap(after: record.lastOutcomeID)
        if record.attempts >= cap { return Placement(lane: nil, reason: "exhausted: \(record.attempts) attempts of \(cap)") }
        if let since = record.hotLeadSince {
            let escalation = since + rules.hotLeadSLAMicros
            if now >= escalation { return Placement(lane: .hotLead, reason: "hot lead since \(Self.time(since)), escalated at \(Self.time(escalation))", key: since) }
            return Placement(lane: .hotLead, reason: "hot lead since \(Self.time(since))", wake: escalation, key: since)
        }
        let owner = record.owner.isEmpty ? rules.routing(facts).member : record.owner
        var staleAt: Int64?
        if !owner.isEmpty {
            if !ownerActive(owner) { return Placement(lane: .redistributable, reason: "owner \(owner) is deactivated", key: record.lastActivityMicros) }
            let stale = record.lastActivityMicros + rules.stalenessMicros
            if now >= stale { return Placement(lane: .redistributable, reason: "owned by \(owner), no attempt since \(Self.time(record.lastActivityMicros))", key: record.lastActivityMicros) }
            staleAt = stale
        }
        if record.attempts > 0 {
            let due = record.lastEndMicros + rules.recycleDelay(after: record.lastOutcomeID)
            guard now >= due else { return Placement(lane: nil, reason: "waiting: recycle delay until \(Self.time(due))", wake: min(due, staleAt ?? .max)) }
            return Placement(lane: .retry, reason: "recycle delay over at \(Self.time(due)); \(record.attempts) attempts of \(cap)", wake: staleAt, key: due)
        }
        let routing = rules.routing(facts)
        let score = Int64(routing.priority) * Self.routingWeight + rules.value(facts)
        return Placement(lane: .priority, reason: "never attempted; score \(score)", wake: staleAt, key: -score)
    }
}
