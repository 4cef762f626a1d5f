import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import EventLogTestSupport
import Foundation
import PersonalData
import Projections
import SwiftProtobuf
import Testing

/// The calling workflow through the engine, on the three contacts of ContactUpkeepTests (c.2,
/// c.3, c.4, London numbers, in campaign spring), with spring activated: outcomes, a calling
/// window, a caller ID inventory and Cal assigned.
@Suite("Calling workflow through the engine", .timeLimit(.minutes(2)))
struct CallingWorkflowTests {
    typealias Command = Callstack_V1_CommandEnvelope.OneOf_Command
    /// 2027-01-15 08:00 UTC: 08:00 in London.
    static let now = ContactUpkeepTests.now
    static func at(_ seconds: Int64) -> BusinessTime { BusinessTime(micros: now.micros + seconds * 1_000_000) }

    static let brief = Callstack_V1_CampaignBrief.with {
        $0.identity.assignedCallerIds = ["cal"]
        $0.callHandling.outcomes = [
            .with { $0.outcomeID = "no-answer"; $0.label = "No answer" },
            .with { $0.outcomeID = "meeting"; $0.label = "Meeting"; $0.flags = [.meeting, .connect]; $0.requirements = [.notes, .meeting]; $0.callStatus = "qualified" },
            .with { $0.outcomeID = "do-not-call"; $0.label = "Do not call"; $0.flags = [.doNotCall, .final, .humanAnswered] },
            .with { $0.outcomeID = "hot"; $0.label = "Hot"; $0.flags = [.hotLead, .connect] },
            .with { $0.outcomeID = "call-back"; $0.label = "Call back"; $0.flags = [.callback, .connect]; $0.requirements = [.callback] },
        ]
        $0.callHandling.recycleDelaySeconds = 600
        $0.dialing.callingWindow = .with { $0.start = "08:00"; $0.end = "20:00" }
    }

    static func engine(_ store: TemporaryStore, callers: Int = 0) async throws -> Engine {
        let engine = try await ContactUpkeepTests.engine(store)
        var setup: [(String, Command)] = [
            ("inventory", .changeWorkspaceSettings(.with {
                $0.settings.phoneNumbers = [
                    .with { $0.number = "+442079460999"; $0.country = "GB"; $0.area = "20"; $0.status = .active; $0.costPerMinute = .with { $0.minorUnits = 2; $0.currency = "GBP" } },
                    .with { $0.number = "+441614960000"; $0.country = "GB"; $0.area = "161"; $0.status = .active; $0.costPerMinute = .with { $0.minorUnits = 2; $0.currency = "GBP" } },
                    .with { $0.number = "+442079460998"; $0.country = "GB"; $0.area = "20"; $0.status = .retired; $0.costPerMinute = .with { $0.minorUnits = 2; $0.currency = "GBP" } },
                ]
                $0.updateMask = .init(protoPaths: ["phone_numbers"])
            })),
        ]
        var assigned = ["cal"]
        for index in 0..<callers {
            setup.append(("invite-\(index)", .inviteMember(.with { $0.memberID = "caller-\(index)"; $0.displayName = "C\(index)"; $0.role = .caller })))
            assigned.append("caller-\(index)")
        }
        var brief = Self.brief
        brief.identity.assignedCallerIds = assigned
        setup.append(("brief", .editCampaignBrief(.with {
            $0.campaignID = "spring"; $0.brief = brief
            $0.updateMask = .init(protoPaths: ["identity.assigned_caller_ids", "call_handling", "dialing.calling_window"])
        })))
        setup.append(("activate", .changeCampaignStatus(.with { $0.campaignID = "spring"; $0.status = .active })))
        for (id, command) in setup {
            let outcome = try await engine.handle(command, id: id, by: "ada", at: now)
            guard case .accepted = outcome else { throw DomainRejection.invalidCommand("setup \(id): \(outcome)") }
        }
        return engine
    }

    @discardableResult
    static func handle(_ engine: Engine, _ id: String, by member: String = "cal", at seconds: Int64, _ command: Command) async throws -> CommandOutcome {
        try await engine.handle(command, id: id, by: member, at: at(seconds))
    }

    static func rejection(_ outcome: CommandOutcome) -> String? {
        if case .rejected(let rejection) = outcome { rejection.description } else { nil }
    }

    /// Reserves the next contact for Cal at `seconds`, and dials, connects and ends it.
    static func call(_ engine: Engine, at seconds: Int64, result: Callstack_V1_SystemResult = .connected, call: String = "k1") async throws -> Reservation {
        let reservation = try #require(try await engine.next(caller: "cal", campaign: "spring", at: at(seconds)))
        let contact = reservation.contactID
        let dial = try await handle(engine, call + "-dial", at: seconds + 1, .startDial(.with {
            $0.contactID = contact; $0.campaignID = "spring"; $0.reservationID = reservation.reservationID; $0.callID = call
        }))
        #expect(rejection(dial) == nil, "\(dial)")
        if result == .connected || result == .abandoned {
            try await handle(engine, call + "-connect", at: seconds + 10, .connectCall(.with { $0.contactID = contact; $0.campaignID = "spring"; $0.callID = call }))
        }
        try await handle(engine, call + "-end", at: seconds + 130, .endCall(.with { $0.contactID = contact; $0.campaignID = "spring"; $0.callID = call; $0.result = result }))
        return reservation
    }

    @Test("next → dial (caller ID from the inventory, evidence recorded) → connect → end → outcome gated, details recorded, notes sealed")
    func wholeCall() async throws {
        let store = TemporaryStore("calling")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let reservation = try await Self.call(engine, at: 0)
        #expect(reservation.contactID == "c.2" && reservation.lane == "priority", "the first enrolled, never attempted")
        let contact = reservation.contactID
        let events = try engine.log.read(stream: "contact-" + contact)
        let dial = try Callstack_V1_DialStarted(serializedBytes: try #require(events.first { $0.type == "DialStarted" }).payload)
        #expect(dial.callerIDNumber == "+442079460999", "the only active London (area 20) number")
        #expect(dial.evidence.localTimes == ["Europe/London 08:00"] && dial.evidence.callingWindow == "08:00-20:00")
        #expect(dial.evidence.suppressionListsChecked == ["global (0 entries)", "client:acme (1 entries)"] && dial.evidence.mode == "preview")

        let missing = try await Self.handle(engine, "save-1", at: 150, .saveOutcome(.with {
            $0.contactID = contact; $0.campaignID = "spring"; $0.callID = "k1"; $0.capture.outcomeID = "meeting"
        }))
        #expect(Self.rejection(missing) == "invalid command: notes are required; invalid command: meeting: the outcome requires one")
        let saved = try await Self.handle(engine, "save-2", at: 150, .saveOutcome(.with {
            $0.contactID = contact; $0.campaignID = "spring"; $0.callID = "k1"
            $0.capture = .with {
                $0.outcomeID = "meeting"; $0.notes = "Wants a demo next week"
                $0.meeting = .with { $0.startsAtMicros = Self.at(86_400).micros; $0.durationMinutes = 30; $0.location = "Zoom room 7" }
            }
        }))
        guard case .accepted = saved else { Issue.record("\(saved)"); return }
        let after = try engine.log.read(stream: "contact-" + contact)
        #expect(after.suffix(2).map(\.type) == ["OutcomeSaved", "MeetingBooked"])
        for event in after.suffix(2) {
            #expect(Data(event.payload).range(of: Data("Wants a demo".utf8)) == nil && Data(event.payload).range(of: Data("Zoom".utf8)) == nil)
        }
        let outcome = try Callstack_V1_OutcomeSaved(serializedBytes: after[after.count - 2].payload)
        #expect(outcome.systemResult == .connected && outcome.talkSeconds == 120 && outcome.wrapSeconds == 20 && outcome.callStatus == "qualified")
        #expect(try engine.contact(contact, asking: "ada")?.enrolments.first?.callStatus == "qualified", "search sees the new status")
        let card = try #require(try engine.previewCard(contact: contact, campaign: "spring", at: Self.at(200), asking: "cal"))
        let attempt = try #require(card.attempts.first)
        #expect(card.attempts.count == 1 && attempt.callID == "k1" && attempt.startedAtMicros == Self.at(1).micros && attempt.caller == "cal")
        #expect(attempt.result == "connected" && attempt.outcomeID == "meeting" && attempt.notes == .text("Wants a demo next week"), "notes opened with the key")
        #expect(card.numbers.map(\.localTimes) == [["Europe/London 08:03"]] && card.numbers.first?.windowClosed == nil)
        #expect(card.suppression == nil && card.outcomes.map(\.outcomeID).count == 5 && card.contact.card.name == .text("José Müller"))
        #expect(card.placement?.reason == "waiting: recycle delay until 2027-01-15T08:12:10Z")
        let lanes = try engine.queueLanes(at: Self.at(200), asking: "ada")
        #expect(lanes.campaigns["spring"]?.enrolment(contact)?.placement.lane == nil, "waiting for the recycle delay")
        let later = try engine.queueLanes(at: Self.at(150 + 600), asking: "ada")
        #expect(later.campaigns["spring"]?.enrolment(contact)?.placement.lane == .retry)
        #expect(later.campaigns["spring"]?.count(.priority) == 2 && later.campaigns["spring"]?.count(.retry) == 1)
    }

    @Test("a do-not-call outcome suppresses the number for the client: it is never dialled again, even by a manager")
    func doNotCall() async throws {
        let store = TemporaryStore("calling-dnc")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let reservation = try await Self.call(engine, at: 0)
        let saved = try await Self.handle(engine, "dnc", at: 150, .saveOutcome(.with {
            $0.contactID = reservation.contactID; $0.campaignID = "spring"; $0.callID = "k1"; $0.capture.outcomeID = "do-not-call"
        }))
        guard case .accepted = saved else { Issue.record("\(saved)"); return }
        let entries = try engine.queries(as: "ada").suppressionEntries(client: "acme")
        #expect(entries.map(\.id).sorted() == ["dnc-dnc-0", "rival"])
        let phone = try E164Phone("+442079460601")
        #expect(try engine.queries(as: "ada").suppression(phone: phone, email: nil, client: "acme", at: Self.at(200))?.id == "dnc-dnc-0")
        let lanes = try engine.queueLanes(at: Self.at(86_400), asking: "ada")
        #expect(lanes.campaigns["spring"]?.enrolment(reservation.contactID)?.placement.reason == "final outcome do-not-call")
    }

    @Test("a number suppressed after import is refused at dial time, and outside the calling window nothing is handed out")
    func dialTimeChecks() async throws {
        let store = TemporaryStore("calling-checks")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let reservation = try #require(try await engine.next(caller: "cal", campaign: "spring", at: Self.now))
        try await Self.handle(engine, "late-dnc", by: "ada", at: 1, .addSuppressionEntry(.with {
            $0.entryID = "tps-1"; $0.kind = .phone; $0.value = "+442079460601"; $0.reason = "TPS"
        }))
        let dial = try await Self.handle(engine, "dial", at: 2, .startDial(.with {
            $0.contactID = reservation.contactID; $0.campaignID = "spring"; $0.reservationID = reservation.reservationID; $0.callID = "k1"
        }))
        #expect(Self.rejection(dial) == "invalid command: the number is suppressed (entry tps-1): it is never dialled")
        try await Self.handle(engine, "pass", at: 3, .releaseReservation(.with {
            $0.contactID = reservation.contactID; $0.campaignID = "spring"; $0.reservationID = reservation.reservationID
        }))
        let next = try #require(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(4)))
        #expect(next.contactID != reservation.contactID, "a suppressed number is not handed out again")
        // 20:30 in London: outside 08:00–20:00.
        #expect(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(12 * 3_600 + 1_800)) == nil)
    }

    @Test("a toll-free number maps to many zones: the window must hold in every one, so at 08:00 UTC it is skipped")
    func everyZone() async throws {
        let store = TemporaryStore("calling-zones")
        let engine = try await Self.engine(store, callers: 3)
        defer { engine.close() }
        let edit = try await Self.handle(engine, "toll-free", by: "ada", at: 0, .editContact(.with {
            $0.contactID = "c.3"; $0.values = [.with { $0.field = "phone"; $0.value = "+1 800 555 0100" }]
        }))
        guard case .accepted = edit else { Issue.record("\(edit)"); return }
        let edited = try Callstack_V1_ContactEdited(serializedBytes: try #require(try engine.log.read(stream: "contact-c.3").last).payload)
        let zones = try #require(edited.phones.first?.timeZones)
        #expect(zones.count > 1 && zones.contains("America/New_York") && zones.contains("America/Los_Angeles"), "\(zones)")
        let window = try #require(CallingWindowRule(Self.brief.dialing.callingWindow))
        #expect(!window.verdict(at: Self.at(1), inEvery: zones).allows)
        var handed: [String] = []
        for caller in ["caller-0", "caller-1", "caller-2"] {
            if let reservation = try await engine.next(caller: caller, campaign: "spring", at: Self.at(1)) { handed.append(reservation.contactID) }
        }
        #expect(handed == ["c.2", "c.4"], "c.3 is outside the window somewhere in North America")
    }

    @Test("in preview mode a caller holds one reservation at a time; in power mode, as many as the campaign's lines")
    func lines() async throws {
        let store = TemporaryStore("calling-lines")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        #expect(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(1))?.mode == .preview)
        #expect(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(2)) == nil, "one line in preview")
        let power = try await Self.handle(engine, "power", by: "ada", at: 3, .editCampaignBrief(.with {
            $0.campaignID = "spring"; $0.brief.dialing = .with { $0.mode = .power; $0.linesPerCaller = 2 }
            $0.updateMask = .init(protoPaths: ["dialing.mode", "dialing.lines_per_caller"])
        }))
        guard case .accepted = power else { Issue.record("\(power)"); return }
        let second = try #require(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(4)))
        #expect(second.mode == .power)
        #expect(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(5)) == nil, "two lines, both held")
    }

    @Test("the failure guardrail pauses the campaign at the next advance, and says why")
    func failurePause() async throws {
        let store = TemporaryStore("calling-failures")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let guardrail = try await Self.handle(engine, "guardrail", by: "ada", at: 0, .editCampaignBrief(.with {
            $0.campaignID = "spring"; $0.brief.dialing.failureRateGuardrail = .with { $0.maxBasisPoints = 1_000; $0.minCalls = 1 }
            $0.updateMask = .init(protoPaths: ["dialing.failure_rate_guardrail"])
        }))
        guard case .accepted = guardrail else { Issue.record("\(guardrail)"); return }
        _ = try await Self.call(engine, at: 0, result: .failed)
        let health = try #require(try engine.campaignHealth("spring", at: Self.at(200), asking: "ada"))
        #expect(health.failureGuardrailTripped && health.reasons.first?.hasPrefix("list health: 1 of 1 calls in 24 hours failed (100%") == true)
        #expect(try await engine.advance(to: Self.at(200), by: "ada").paused == 1)
        #expect(try engine.queries(as: "ada").campaign("spring")?.status == .paused)
        await #expect(throws: DomainRejection.invalidCommand("campaign spring is not active")) {
            try await engine.next(caller: "cal", campaign: "spring", at: Self.at(300))
        }
    }

    @Test("a call left open is closed by advance after four hours with the system outcome, so the contact is not stuck")
    func stuckCall() async throws {
        let store = TemporaryStore("calling-stuck")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let reservation = try #require(try await engine.next(caller: "cal", campaign: "spring", at: Self.now))
        try await Self.handle(engine, "dial", at: 5, .startDial(.with {
            $0.contactID = reservation.contactID; $0.campaignID = "spring"; $0.reservationID = reservation.reservationID; $0.callID = "k1"
        }))
        #expect(try await engine.advance(to: Self.at(3 * 3_600), by: "ada") == AdvanceReport(), "three hours: not yet")
        #expect(try await engine.advance(to: Self.at(4 * 3_600 + 5), by: "ada") == AdvanceReport(closedCalls: 1))
        let events = try engine.log.read(stream: "contact-" + reservation.contactID)
        #expect(events.suffix(2).map(\.type) == ["CallEnded", "OutcomeSaved"])
        let saved = try Callstack_V1_OutcomeSaved(serializedBytes: try #require(events.last).payload)
        #expect(saved.outcomeID == CallSession.systemOutcomeID && saved.systemResult == .noAnswer && saved.callID == "k1", "a neutral result: an outage holds no numbers")
        let lanes = try engine.queueLanes(at: Self.at(4 * 3_600 + 5), asking: "ada")
        #expect(lanes.campaigns["spring"]?.enrolment(reservation.contactID)?.placement.reason.hasPrefix("waiting") == true, "back in the queue's hands")
    }

    @Test("requests out of time order: a contact resting at the earlier time is not handed out, even after the clock moved on")
    func outOfOrder() async throws {
        let store = TemporaryStore("calling-order")
        let engine = try await Self.engine(store, callers: 1)
        defer { engine.close() }
        let first = try await Self.call(engine, at: 0, result: .noAnswer)
        try await Self.handle(engine, "save", at: 150, .saveOutcome(.with {
            $0.contactID = first.contactID; $0.campaignID = "spring"; $0.callID = "k1"; $0.capture.outcomeID = "no-answer"
        }))
        // Someone looks at the queue an hour later: the live clock moves there.
        _ = try await engine.advance(to: Self.at(3_600), by: "ada")
        let earlier = try #require(try await engine.next(caller: "caller-0", campaign: "spring", at: Self.at(300)))
        #expect(earlier.contactID != first.contactID, "at 300 s its recycle delay (600 s from the end) still runs")
    }

    @Test("64 callers at once never get the same contact", .timeLimit(.minutes(2)))
    func noDoubleReservation() async throws {
        let store = TemporaryStore("calling-64")
        let engine = try await Self.engine(store, callers: 64)
        defer { engine.close() }
        let reservations = try await withThrowingTaskGroup(of: Reservation?.self) { group in
            for index in 0..<64 {
                group.addTask { try await engine.next(caller: "caller-\(index)", campaign: "spring", at: Self.at(5)) }
            }
            var all: [Reservation] = []
            for try await reservation in group { if let reservation { all.append(reservation) } }
            return all
        }
        #expect(reservations.count == 3, "three contacts, three reservations")
        #expect(Set(reservations.map(\.contactID)) == ["c.2", "c.3", "c.4"])
        let reserved = try ["c.2", "c.3", "c.4"].map { try engine.log.read(stream: "contact-" + $0).filter { $0.type == "CallReserved" }.count }
        #expect(reserved == [1, 1, 1], "one CallReserved per contact in the log")
    }

    @Test("advance releases expired reservations, surfaces due callbacks and escalates hot leads, once")
    func advance() async throws {
        let store = TemporaryStore("calling-advance")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let hot = try await Self.call(engine, at: 0, call: "k1")
        try await Self.handle(engine, "hot", at: 150, .saveOutcome(.with { $0.contactID = hot.contactID; $0.campaignID = "spring"; $0.callID = "k1"; $0.capture.outcomeID = "hot" }))
        let back = try await Self.call(engine, at: 200, call: "k2")
        #expect(back.lane == "hot-lead" && back.contactID == hot.contactID, "the hot lead comes first")
        try await Self.handle(engine, "later", at: 350, .saveOutcome(.with {
            $0.contactID = back.contactID; $0.campaignID = "spring"; $0.callID = "k2"
            $0.capture = .with { $0.outcomeID = "call-back"; $0.callback = .with { $0.dueAtMicros = Self.at(3_600).micros; $0.ownerOnly = true } }
        }))
        let idle = try #require(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(400)))
        #expect(idle.lane == "priority" && idle.contactID != hot.contactID)
        let report = try await engine.advance(to: Self.at(3_700), by: "ada")
        #expect(report == AdvanceReport(expired: 1, escalated: 0, callbacksDue: 1, refused: 0))
        #expect(try await engine.advance(to: Self.at(3_700), by: "ada") == AdvanceReport(), "nothing twice")
        let lanes = try engine.queueLanes(at: Self.at(3_700), asking: "ada")
        #expect(lanes.campaigns["spring"]?.enrolment(hot.contactID)?.placement.lane == .callback)
        #expect(lanes.campaigns["spring"]?.enrolment(idle.contactID)?.placement.lane == .priority, "released, so in its lane again")
        let callback = try #require(try await engine.next(caller: "cal", campaign: "spring", at: Self.at(3_800)))
        #expect(callback.contactID == hot.contactID && callback.lane == "callback")

        let then = try #require(try engine.explainQueue(contact: hot.contactID, campaign: "spring", at: Self.at(160), asking: "ada"))
        #expect(then.placement.lane == .hotLead && then.placement.reason == "hot lead since 2027-01-15T08:02:30Z", "as it was at 160 s, whatever came later")
        #expect(then.history.map { $0.split(separator: " ").last ?? "" } == ["ContactEnrolled", "CallReserved", "DialStarted", "CallConnected", "CallEnded", "OutcomeSaved"])
        let scheduled = try #require(try engine.explainQueue(contact: hot.contactID, campaign: "spring", at: Self.at(3_000), asking: "ada"))
        #expect(scheduled.placement.lane == nil && scheduled.placement.reason == "callback scheduled for 2027-01-15T09:00:00Z")
        let due = try #require(try engine.explainQueue(contact: hot.contactID, campaign: "spring", at: Self.at(3_700), asking: "ada"))
        #expect(due.placement.lane == .callback && due.record.callbackOwner == "cal")
        #expect(try engine.explainQueue(contact: hot.contactID, campaign: "spring", at: Self.at(-60), asking: "ada") == nil, "not yet enrolled")
    }
}
