import CallStackDomain
import CallStackEvents
import EventSourcing
import Projections
import SwiftProtobuf
import Testing

/// The queue-lanes read model on its own: the precedence table row by row, time moving only
/// what is due, lane order, and the same digest however the events arrive.
@Suite("Queue lanes")
struct QueueLanesTests {
    static let start: Int64 = 1_800_000_000_000_000
    static func at(_ seconds: Int64) -> Int64 { start + seconds * 1_000_000 }
    static let rules = LaneRules(brief: .with {
        $0.callHandling.recycleDelaySeconds = 600
        $0.callHandling.maxAttempts = 3
        $0.callHandling.hotLeadSlaSeconds = 300
        $0.callHandling.stalenessSeconds = 86_400
        $0.callHandling.failedNumberHoldDays = 2
        $0.callHandling.outcomes = [.with { $0.outcomeID = "voicemail"; $0.maxAttempts = 1 }]
        $0.callHandling.contactValueField = "deal"
        $0.dialing.maxAttemptsPerContactPerDay = 2
        $0.dialing.callSpacingSeconds = 60
        $0.audience.routingRules = [.with { $0.ruleID = "vip"; $0.when = [.with { $0.field = "source"; $0.operator = .equals; $0.values = ["vip"] }]; $0.setPriority = 5 }]
    }, workspace: .init())

    func place(_ change: (inout EnrolmentRecord) -> Void, at seconds: Int64 = 0, facts: ContactFacts = ContactFacts(),
               archived: Bool = false, forgotten: Bool = false, active: Bool = true) -> Placement {
        var record = EnrolmentRecord(contactID: "k")
        record.enrolled = true
        change(&record)
        return LanePolicy(rules: Self.rules).place(record, facts: facts, archived: archived, forgotten: forgotten, ownerActive: { _ in active }, at: Self.at(seconds))
    }

    @Test("the precedence table, row by row: each row wins over every row below it")
    func precedence() {
        #expect(place({ $0.enrolled = false }).reason == "not enrolled")
        #expect(place({ $0.busy = true }, forgotten: true).reason == "the contact is forgotten")
        #expect(place({ $0.busy = true }, archived: true).reason == "the contact is archived")
        #expect(place({ $0.busy = true; $0.final = true }).reason == "in call: a reservation or call is open")
        #expect(place({ $0.final = true; $0.lastOutcomeID = "won"; $0.failedDays = 5 }).reason == "final outcome won")
        #expect(place({ $0.failedDays = 2; $0.callbackDue = Self.at(0) }).lane == nil, "held beats a due callback")
        #expect(place({ $0.callbackDue = Self.at(10); $0.attempts = 3 }, at: 20).reason == "exhausted: 3 attempts of 3",
            "exhaustion beats a callback: the call state would refuse the reservation")
        let due = place({ $0.callbackDue = Self.at(10); $0.attempts = 2; $0.hotLeadSince = Self.at(0) }, at: 100)
        #expect(due.lane == .callback && due.key == Self.at(10), "a due callback beats a hot lead")
        let scheduled = place({ $0.callbackDue = Self.at(10); $0.hotLeadSince = Self.at(0) }, at: 5)
        #expect(scheduled.lane == nil && scheduled.wake == Self.at(10), "a callback not yet due keeps it out, until then")
        #expect(place({ $0.attempts = 3; $0.hotLeadSince = Self.at(0) }).reason == "exhausted: 3 attempts of 3")
        #expect(place({ $0.attempts = 1; $0.lastOutcomeID = "voicemail" }).reason == "exhausted: 1 attempts of 1", "the outcome's own cap")
        let spent = place({ $0.attempts = 2; $0.dialDay = EnrolmentRecord.day(Self.at(0)); $0.dialsThatDay = 2; $0.hotLeadSince = Self.at(0) }, at: 10)
        #expect(spent.lane == nil && spent.wake == (Int64(EnrolmentRecord.day(Self.at(0))) + 1) * 86_400_000_000, "the day's attempts spent: rests until the next UTC day")
        let spacing = place({ $0.attempts = 1; $0.dialsThatDay = 1; $0.lastEndMicros = Self.at(0); $0.hotLeadSince = Self.at(0) }, at: 30)
        #expect(spacing.lane == nil && spacing.wake == Self.at(60) && spacing.reason.hasPrefix("resting"), "call spacing beats a hot lead")
        let hot = place({ $0.attempts = 1; $0.hotLeadSince = Self.at(0); $0.owner = "gone" }, at: 10, active: false)
        #expect(hot.lane == .hotLead && hot.wake == Self.at(300), "a hot lead beats redistribution; it escalates at its service-level time")
        #expect(place({ $0.attempts = 1; $0.hotLeadSince = Self.at(0) }, at: 300).reason.contains("escalated"))
        let orphan = place({ $0.attempts = 1; $0.owner = "gone"; $0.lastEndMicros = Self.at(0) }, at: 100, active: false)
        #expect(orphan.lane == .redistributable && orphan.reason == "owner gone is deactivated")
        let stale = place({ $0.attempts = 1; $0.owner = "cal"; $0.lastActivityMicros = Self.at(0); $0.lastEndMicros = Self.at(0) }, at: 86_400)
        #expect(stale.lane == .redistributable, "owned, no attempt for the staleness threshold")
        let waiting = place({ $0.attempts = 1; $0.lastEndMicros = Self.at(0) }, at: 599)
        #expect(waiting.lane == nil && waiting.wake == Self.at(600))
        #expect(place({ $0.attempts = 1; $0.lastEndMicros = Self.at(0) }, at: 600).lane == .retry)
        let fresh = place({ _ in })
        #expect(fresh.lane == .priority && fresh.key == 0)
        let vip = place({ _ in }, facts: ContactFacts(source: "vip", custom: ["deal": "1200.5"]))
        #expect(vip.key == -(5 * LanePolicy.routingWeight + 1_200), "routing priority first, then contact value")
    }

    /// The events of a small campaign: created with the rules above, three contacts enrolled
    /// (v a VIP), then one call on a that ends in voicemail-less no answer at 100 s.
    static var events: [any SwiftProtobuf.Message] {
        var events: [any SwiftProtobuf.Message] = [
            Callstack_V1_CampaignCreated.with { $0.occurred.atMicros = at(0); $0.campaignID = "s" },
            Callstack_V1_CampaignBriefChanged.with { $0.occurred.atMicros = at(0); $0.campaignID = "s"; $0.brief = rules.brief },
        ]
        for (index, id) in ["a", "b", "v"].enumerated() {
            events.append(Callstack_V1_ContactCreated.with {
                $0.occurred.atMicros = at(Int64(index)); $0.contactID = id; $0.source = id == "v" ? "vip" : "list"
                $0.phones = [.with { $0.region = "GB"; $0.timeZone = "Europe/London" }]
            })
            events.append(Callstack_V1_ContactEnrolled.with { $0.occurred.atMicros = at(Int64(index)); $0.contactID = id; $0.campaignID = "s" })
        }
        events += [
            Callstack_V1_CallReserved.with { $0.occurred.atMicros = at(50); $0.contactID = "a"; $0.campaignID = "s"; $0.reservationID = "r"; $0.callerMemberID = "cal"; $0.expiresAtMicros = at(650) },
            Callstack_V1_DialStarted.with { $0.occurred.atMicros = at(60); $0.contactID = "a"; $0.campaignID = "s"; $0.reservationID = "r"; $0.callID = "c"; $0.callerMemberID = "cal" },
            Callstack_V1_CallEnded.with { $0.occurred.atMicros = at(100); $0.contactID = "a"; $0.campaignID = "s"; $0.callID = "c"; $0.result = .noAnswer },
            Callstack_V1_OutcomeSaved.with { $0.occurred.atMicros = at(110); $0.contactID = "a"; $0.campaignID = "s"; $0.callID = "c"; $0.outcomeID = "no-answer" },
        ]
        return events
    }

    static func apply(_ messages: some Sequence<any SwiftProtobuf.Message>, to state: inout QueueLanesState, from position: UInt64 = 1) {
        for (offset, message) in messages.enumerated() {
            QueueLanesProjector().apply(&state, DecodedEvent(
                position: position + UInt64(offset), stream: "x", streamVersion: 1, type: "x", recordedAtMicros: 0, actor: "a", message: message))
        }
    }

    @Test("time moves only what is due, counts are exact at the clock, and the lane order is the score's")
    func timeAndOrder() throws {
        var state = QueueLanesState()
        Self.apply(Self.events, to: &state)
        let lanes = try #require(state.campaigns["s"])
        #expect(state.clock == Self.at(110))
        #expect(lanes.count(.priority) == 2 && lanes.count(.retry) == 0)
        #expect(lanes.members(of: .priority, limit: 5).map(\.contactID) == ["v", "b"], "the VIP first")
        state.advance(to: Self.at(699))
        #expect(state.campaigns["s"]?.count(.retry) == 0, "the recycle delay runs from the end of the call: 100 + 600")
        state.advance(to: Self.at(700))
        #expect(state.campaigns["s"]?.count(.retry) == 1 && state.campaigns["s"]?.members(of: .retry, limit: 5).map(\.contactID) == ["a"])
        state.advance(to: Self.at(0))
        #expect(state.clock == Self.at(700), "the clock never goes back")
    }

    @Test("the digest is the same however the events arrive: in one go, or through a snapshot half-way")
    func digests() throws {
        let projector = QueueLanesProjector()
        var whole = QueueLanesState()
        Self.apply(Self.events, to: &whole)
        let events = Self.events
        var first = QueueLanesState()
        Self.apply(events.prefix(5), to: &first)
        var resumed = try projector.state(fromCanonical: projector.canonicalBytes(of: first))
        Self.apply(events.dropFirst(5), to: &resumed, from: 6)
        #expect(projector.digest(of: resumed) == projector.digest(of: whole))
        #expect(resumed.campaigns["s"]?.members(of: .priority, limit: 5).map(\.contactID) == ["v", "b"])
        var short = QueueLanesState()
        Self.apply(events.dropLast(), to: &short)
        #expect(projector.digest(of: short) != projector.digest(of: whole), "one event less is another state")
        var advanced = whole
        advanced.advance(to: Self.at(710))
        #expect(projector.digest(of: advanced) != projector.digest(of: whole), "the lanes are part of the digest")
    }

    /// A power campaign (3 lines, abandon cap 3% over `period`, failures capped at 20% after 10
    /// calls) with 100 live-answered calls: 3 abandoned two days ago, 97 connected in the last hour.
    static func guarded(_ period: Callstack_V1_AbandonRatePeriod, failed: Int = 0) -> QueueLanesState {
        var state = QueueLanesState()
        var messages: [any SwiftProtobuf.Message] = [
            Callstack_V1_CampaignCreated.with { $0.occurred.atMicros = at(-3 * 86_400); $0.campaignID = "s" },
            Callstack_V1_CampaignBriefChanged.with {
                $0.occurred.atMicros = at(-3 * 86_400); $0.campaignID = "s"
                $0.brief.dialing = .with {
                    $0.mode = .power; $0.linesPerCaller = 3
                    $0.abandonRateCap = .with { $0.maxBasisPoints = 300; $0.period = period }
                    $0.failureRateGuardrail = .with { $0.maxBasisPoints = 2_000; $0.minCalls = 10 }
                }
            },
        ]
        for index in 0..<100 {
            let abandoned = index < 3
            let seconds: Int64 = abandoned ? -2 * 86_400 + Int64(index) : -3_000 + Int64(index)
            messages.append(Callstack_V1_CallEnded.with {
                $0.occurred.atMicros = at(seconds); $0.contactID = "k\(index)"; $0.campaignID = "s"; $0.result = abandoned ? .abandoned : .connected
            })
        }
        for index in 0..<failed {
            messages.append(Callstack_V1_CallEnded.with { $0.occurred.atMicros = at(-100 + Int64(index)); $0.contactID = "f\(index)"; $0.campaignID = "s"; $0.result = .failed })
        }
        apply(messages, to: &state)
        return state
    }

    @Test("the abandon rate counts over the campaign's period: 3 of 100 within 30 days falls back to preview; within 24 hours, none")
    func abandonGuardrail() throws {
        let us = CampaignHealth(try #require(Self.guarded(.abandonRatePeriod30Days).campaigns["s"]), at: Self.at(0))
        #expect(us.abandonRateBasisPoints == 300 && us.abandoned == 3 && us.liveAnswered == 100)
        #expect(us.mode == .preview && us.linesPerCaller == 1)
        #expect(us.reasons == ["abandon rate 3% (3 of 100 live-answered calls over 30 days) is near the cap of 3%: dialing falls back to preview"])
        let uk = CampaignHealth(try #require(Self.guarded(.abandonRatePeriod24Hours).campaigns["s"]), at: Self.at(0))
        #expect(uk.abandonRateBasisPoints == 0 && uk.liveAnswered == 97)
        #expect(uk.mode == .power && uk.linesPerCaller == 3 && uk.reasons.isEmpty)
        let later = CampaignHealth(try #require(Self.guarded(.abandonRatePeriod30Days).campaigns["s"]), at: Self.at(27 * 86_400))
        #expect(later.abandoned == 3, "29 days on: still inside 30 days")
        let gone = CampaignHealth(try #require(Self.guarded(.abandonRatePeriod30Days).campaigns["s"]), at: Self.at(29 * 86_400))
        #expect(gone.abandoned == 0 && gone.mode == .power, "out of the 30 days")
    }

    @Test("too many failed calls in 24 hours trips the failure guardrail; below its minimum calls it does not")
    func failureGuardrail() throws {
        let failing = CampaignHealth(try #require(Self.guarded(.abandonRatePeriod24Hours, failed: 30).campaigns["s"]), at: Self.at(0))
        #expect(failing.failed == 30 && failing.calls == 127 && failing.failureRateBasisPoints == 2_362)
        #expect(failing.failureGuardrailTripped && failing.reasons.last?.hasPrefix("list health: 30 of 127 calls in 24 hours failed (23.62%") == true)
        let fine = CampaignHealth(try #require(Self.guarded(.abandonRatePeriod24Hours, failed: 20).campaigns["s"]), at: Self.at(0))
        #expect(!fine.failureGuardrailTripped, "20 of 117 is under 20%")
        #expect(CampaignHealth.percent(250) == "2.5%" && CampaignHealth.percent(5) == "0.05%" && CampaignHealth.percent(300) == "3%")
    }
}
