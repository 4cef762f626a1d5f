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
/// | 5 | out: exhausted | attempts reached the cap (the campaign's, lowered by the last outcome's) |
/// | 6 | callback, or out: scheduled | a callback is scheduled: in the lane once due |
/// | 6½ | out: resting | the day's attempts reached `max_attempts_per_contact_per_day` (until the next UTC day), or the call spacing since its last call has not passed |
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

    /// Until when the contact rests: its day's attempts are spent, or its call spacing runs; nil
    /// when it may be called now.
    func resting(_ record: EnrolmentRecord, at now: Int64) -> Int64? {
        var until: Int64?
        if record.dialsThatDay >= rules.maxAttemptsPerDay, record.dialDay == EnrolmentRecord.day(now) {
            until = (Int64(record.dialDay) + 1) * 86_400_000_000
        }
        if record.lastEndMicros > 0, now < record.lastEndMicros + rules.spacingMicros {
            until = max(until ?? .min, record.lastEndMicros + rules.spacingMicros)
        }
        return until
    }

    public func place(
        _ record: EnrolmentRecord, facts: ContactFacts, archived: Bool, forgotten: Bool, ownerActive: (String) -> Bool, at now: Int64
    ) -> Placement {
        guard record.enrolled else { return Placement(lane: nil, why: .notEnrolled) }
        if forgotten { return Placement(lane: nil, why: .forgotten) }
        if archived { return Placement(lane: nil, why: .archived) }
        if record.busy { return Placement(lane: nil, why: .inCall) }
        if record.final { return Placement(lane: nil, why: .final(outcome: record.lastOutcomeID)) }
        if record.failedDays >= rules.failedHoldDays { return Placement(lane: nil, why: .held(failedDays: record.failedDays, hold: rules.failedHoldDays)) }
        let cap = rules.attemptCap(after: record.lastOutcomeID)
        if record.attempts >= cap { return Placement(lane: nil, why: .exhausted(attempts: record.attempts, cap: cap)) }
        if let due = record.callbackDue {
            guard now >= due else { return Placement(lane: nil, why: .callbackScheduled(due: due), wake: due) }
            return Placement(lane: .callback, why: .callbackDue(due: due, owner: record.callbackOwner), key: due)
        }
        if let until = resting(record, at: now) { return Placement(lane: nil, why: .resting(until: until), wake: until) }
        if let since = record.hotLeadSince {
            let escalation = since + rules.hotLeadSLAMicros
            let escalated = now >= escalation
            return Placement(lane: .hotLead, why: .hotLead(since: since, escalation: escalation, escalated: escalated), wake: escalated ? nil : escalation, key: since)
        }
        let routing = rules.routing(facts)
        let owner = record.owner.isEmpty ? routing.member : record.owner
        var staleAt: Int64?
        if !owner.isEmpty {
            if !ownerActive(owner) { return Placement(lane: .redistributable, why: .ownerDeactivated(owner: owner), key: record.lastActivityMicros) }
            let stale = record.lastActivityMicros + rules.stalenessMicros
            if now >= stale { return Placement(lane: .redistributable, why: .stale(owner: owner, since: record.lastActivityMicros), key: record.lastActivityMicros) }
            staleAt = stale
        }
        if record.attempts > 0 {
            let due = record.lastEndMicros + rules.recycleDelay(after: record.lastOutcomeID)
            guard now >= due else { return Placement(lane: nil, why: .waiting(until: due), wake: min(due, staleAt ?? .max)) }
            return Placement(lane: .retry, why: .recycled(due: due, attempts: record.attempts, cap: cap), wake: staleAt, key: due)
        }
        let score = Int64(routing.priority) * Self.routingWeight + rules.value(facts)
        return Placement(lane: .priority, why: .fresh(score: score), wake: staleAt, key: -score)
    }
}
