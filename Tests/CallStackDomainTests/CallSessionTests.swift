import CallStackDomain
import CallStackEvents
import EventSourcing
import SwiftProtobuf
import Testing

@Suite("Call state per enrolment")
struct CallSessionTests {
    let session = CallSession(campaignID: "spring")
    let gate = OutcomeGate(brief: .with {
        $0.callHandling.outcomes = [.with { $0.outcomeID = "meeting"; $0.requirements = [.notes, .meeting] }, .with { $0.outcomeID = "no-answer" }]
    })
    static let start: Int64 = 1_800_000_000_000_000

    /// Cal when a Caller acts; Max, a supervisor, for any other role.
    func actor(_ role: Role = .caller, at seconds: Int64 = 0) -> CommandActor {
        CommandActor(memberID: role == .caller ? "cal" : "max", role: role, atMicros: Self.start + seconds * 1_000_000)
    }

    /// Decides `request` at `seconds` after the start, after `history`; returns the history with its events.
    @discardableResult
    func run(_ request: CallSession.Request, at seconds: Int64, after history: [CallSession.Event], role: Role = .caller) throws -> [CallSession.Event] {
        let events = try session.decide(CallSession.Command(request, by: actor(role, at: seconds), contactID: "k", gate: gate), after: history).get()
        return history + events
    }

    func refused(_ request: CallSession.Request, at seconds: Int64 = 0, after history: [CallSession.Event], role: Role = .caller) -> DomainRejection? {
        if case .failure(let rejection) = session.decide(CallSession.Command(request, by: actor(role, at: seconds), contactID: "k", gate: gate), after: history) {
            return rejection
        }
        return nil
    }

    var enrolled: [CallSession.Event] { [.enrolled(.with { $0.contactID = "k"; $0.campaignID = "spring" })] }

    @Test("ready → reserved → dialing → in call → wrap-up → outcome saved → ready, with talk time and attempts")
    func wholeCall() throws {
        var history = try run(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled)
        history = try run(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+442079460000"), at: 5, after: history)
        history = try run(.connect(callID: "c1"), at: 15, after: history)
        history = try run(.end(callID: "c1", result: .connected), at: 135, after: history)
        guard case .wrapUp("c1", "cal", .connected, _, let talk) = session.fold(history).phase else {
            Issue.record("the call is in wrap-up")
            return
        }
        #expect(talk == 120_000_000)
        history = try run(.saveOutcome(callID: "c1", capture: .with { $0.outcomeID = "no-answer" }), at: 150, after: history)
        guard case .outcomeSaved(let saved, _) = history.last else {
            Issue.record("an outcome is recorded")
            return
        }
        #expect(saved.outcomeID == "no-answer" && saved.talkSeconds == 120 && saved.callID == "c1")
        let state = session.fold(history)
        #expect(state.phase == .ready && state.attempts == 1)
    }

    @Test("wrap-up is left only by an outcome the gate accepts, and the rejection lists everything missing")
    func gatedWrapUp() throws {
        var history = try run(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled)
        history = try run(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+442079460000"), at: 1, after: history)
        history = try run(.end(callID: "c1", result: .noAnswer), at: 30, after: history)
        guard case .several(let problems) = refused(.saveOutcome(callID: "c1", capture: .with { $0.outcomeID = "meeting" }), at: 40, after: history) else {
            Issue.record("notes and meeting are both named")
            return
        }
        #expect(problems.count == 2)
        #expect(refused(.reserve(reservationID: "r2", caller: "cal", expiresAtMicros: Self.start + 90_000_000), at: 40, after: history)
            == .invalidCommand("reserving is not possible while the enrolment is in wrap-up (call c1): an outcome must be saved"))
        guard case .notAuthorized(_, "save an outcome", _) = refused(.saveOutcome(callID: "c1", capture: .with { $0.outcomeID = "no-answer" }), at: 40, after: history, role: .viewer) else {
            Issue.record("a Viewer may not save outcomes")
            return
        }
    }

    @Test("reservations: only the one held can be dialled or released; expiry only once due; two cannot be held at once")
    func reservations() throws {
        let held = try run(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled)
        #expect(refused(.reserve(reservationID: "r2", caller: "max", expiresAtMicros: Self.start + 90_000_000), at: 1, after: held, role: .campaignManager)
            == .invalidCommand("reserving is not possible while the enrolment is reserved (r1, for cal)"))
        #expect(refused(.startDial(reservationID: "r2", callID: "c1", callerIDNumber: "+442079460000"), at: 1, after: held)
            == .invalidCommand("dialling is not possible while the enrolment is reserved (r1, for cal)"))
        #expect(refused(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "020 7946 0000"), at: 1, after: held)
            == .invalidCommand("caller ID \"020 7946 0000\" is not an E.164 number"))
        #expect(refused(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+442079460000"), at: 60, after: held)
            == .invalidCommand("reservation r1 has expired"), "an expired reservation is not dialled, even before advance releases it")
        let dialled = try run(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+44 20 7946 0000"), at: 2, after: held)
        guard case .dialStarted(let dial) = dialled.last else {
            Issue.record("the dial is recorded")
            return
        }
        #expect(dial.callerIDNumber == "+442079460000" && dial.callerMemberID == "cal", "the caller ID in canonical form, and whose call it is")
        #expect(refused(.expire(reservationID: "r1"), at: 59, after: held) == .invalidCommand("reservation r1 has not expired yet"))
        let expired = try run(.expire(reservationID: "r1"), at: 60, after: held, role: .teamAdmin)
        guard case .released(let released) = expired.last else {
            Issue.record("the reservation is released")
            return
        }
        #expect(released.cause == .expired && session.fold(expired).phase == .ready)
        let passed = try run(.release(reservationID: "r1", reason: "wrong person"), at: 3, after: held)
        #expect(session.fold(passed).phase == .ready)
        guard case .released(let pass) = passed.last, pass.cause == .passed else {
            Issue.record("the caller passed")
            return
        }
        let revoked = try run(.release(reservationID: "r1", reason: "shift over"), at: 3, after: held, role: .campaignManager)
        guard case .released(let revoke) = revoked.last, revoke.cause == .revoked else {
            Issue.record("a manager revoked it")
            return
        }
        let tooLong = Self.start + CallSession.maxReservationMicros + 1
        for expiry in [Self.start, tooLong] {
            #expect(refused(.reserve(reservationID: "r3", caller: "cal", expiresAtMicros: expiry), at: 0, after: enrolled)
                == .invalidCommand("a reservation needs an id, a caller and an expiry after now, at most an hour ahead"))
        }
    }

    @Test("a reservation's steps are its caller's: another caller may not reserve for them, dial, pass or save; a manager may")
    func ownership() throws {
        guard case .notAuthorized(_, "reserve a contact for another caller", _) =
            refused(.reserve(reservationID: "r1", caller: "max", expiresAtMicros: Self.start + 60_000_000), after: enrolled)
        else {
            Issue.record("cal may not reserve for max")
            return
        }
        let held = try run(.reserve(reservationID: "r1", caller: "max", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled, role: .campaignManager)
        guard case .notAuthorized(_, "act on another caller's reservation or call", _) =
            refused(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+442079460000"), at: 1, after: held)
        else {
            Issue.record("cal may not dial max's reservation")
            return
        }
        #expect(refused(.release(reservationID: "r1", reason: ""), at: 1, after: held, role: .teamAdmin) == nil)
        #expect(refused(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+442079460000"), at: -1, after: held, role: .teamAdmin)
            == .invalidCommand("the command's time is before the reserved (r1, for max) phase began"))
    }

    @Test("events that do not fit the phase leave the state as it is; an archived or forgotten contact takes no reservation")
    func outOfOrder() throws {
        let stray: [CallSession.Event] = enrolled + [
            .ended(.with { $0.campaignID = "spring"; $0.callID = "c9"; $0.result = .busy }),
            .released(.with { $0.campaignID = "spring"; $0.reservationID = "r9" }),
            .dialStarted(.with { $0.campaignID = "spring"; $0.reservationID = "r9"; $0.callID = "c9" }),
            .enrolled(.with { $0.campaignID = "spring" }),
        ]
        let folded = session.fold(stray)
        #expect(folded.phase == .ready && folded.attempts == 0)
        let held = try run(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled)
        #expect(session.fold(held + [.released(.with { $0.campaignID = "spring"; $0.reservationID = "r2" })]).phase
            == .reserved(reservationID: "r1", caller: "cal", reservedAtMicros: Self.start, expiresAtMicros: Self.start + 60_000_000),
            "another reservation's release does not end this one")
        for contactEvent: CallSession.Event in [.archived(.init()), .forgotten(.init())] {
            #expect(refused(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 1), after: enrolled + [contactEvent]) != nil)
        }
        #expect(refused(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 1), after: enrolled + [.archived(.init()), .unarchived(.init())]) == nil)
    }

    @Test("system results must fit how far the call got")
    func results() throws {
        var dialing = try run(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled)
        dialing = try run(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "+442079460000"), at: 1, after: dialing)
        #expect(refused(.end(callID: "c1", result: .connected), at: 20, after: dialing) != nil, "connected needs a connect")
        #expect(refused(.end(callID: "c1", result: .abandoned), at: 20, after: dialing) != nil)
        #expect(refused(.end(callID: "c9", result: .busy), at: 20, after: dialing) != nil, "another call's id")
        for result: Callstack_V1_SystemResult in [.noAnswer, .busy, .voicemail, .failed] {
            #expect(refused(.end(callID: "c1", result: result), at: 20, after: dialing) == nil)
        }
        #expect(refused(.connect(callID: "c9"), at: 10, after: dialing) != nil, "another call's connect")
        let inCall = try run(.connect(callID: "c1"), at: 10, after: dialing)
        #expect(refused(.end(callID: "c1", result: .busy), at: 20, after: inCall) == .invalidCommand("a connected call ends connected or abandoned"))
        let abandoned = try run(.end(callID: "c1", result: .abandoned), at: 12, after: inCall)
        guard case .wrapUp(_, _, .abandoned, _, let talk) = session.fold(abandoned).phase else {
            Issue.record("an abandoned call goes to wrap-up")
            return
        }
        #expect(talk == 0, "nobody talked on an abandoned call")
    }

    @Test("only this campaign's events count; an enrolment that is not there takes no call")
    func campaignScope() {
        let other: [CallSession.Event] = [
            session.event(.init(position: 1, stream: "contact-k", streamVersion: 1, type: "x", recordedAtMicros: 0, actor: "a",
                message: Callstack_V1_ContactEnrolled.with { $0.campaignID = "autumn" })),
        ]
        #expect(other == [.other])
        #expect(refused(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 1), after: other) != nil)
        #expect(session.fold(enrolled + [.unenrolled(.with { $0.campaignID = "spring" })]).phase == .notEnrolled)
    }

    /// A call of Cal's to wrap-up, ended with `result` (connected calls talk from 10 s to 130 s).
    func wrapUp(_ result: Callstack_V1_SystemResult, after history: [CallSession.Event]? = nil, call: String = "c1") throws -> [CallSession.Event] {
        var history = try run(.reserve(reservationID: "r-" + call, caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: history ?? enrolled)
        history = try run(.startDial(reservationID: "r-" + call, callID: call, callerIDNumber: "+442079460000"), at: 1, after: history)
        if result == .connected || result == .abandoned { history = try run(.connect(callID: call), at: 10, after: history) }
        return try run(.end(callID: call, result: result), at: 130, after: history)
    }

    @Test("an outcome that means someone answered needs a connected call")
    func flagsAgainstResult() throws {
        let flagged = OutcomeGate(brief: .with {
            $0.callHandling.outcomes = [.with { $0.outcomeID = "meeting"; $0.flags = [.meeting, .connect] }, .with { $0.outcomeID = "busy" }]
        })
        let busy = try wrapUp(.busy)
        let refusal = session.decide(
            CallSession.Command(.saveOutcome(callID: "c1", capture: .with { $0.outcomeID = "meeting" }), by: actor(at: 140), contactID: "k", gate: flagged), after: busy)
        #expect(refusal == .failure(.invalidCommand("outcome meeting means the contact answered, but the call ended busy")))
        let plain = session.decide(
            CallSession.Command(.saveOutcome(callID: "c1", capture: .with { $0.outcomeID = "busy" }), by: actor(at: 140), contactID: "k", gate: flagged), after: busy)
        #expect((try? plain.get()) != nil)
    }

    @Test("a final outcome, or the attempt cap (the campaign's or the last outcome's), refuses another reservation")
    func exhaustedEnrolments() throws {
        let rules = OutcomeGate(brief: .with {
            $0.callHandling.outcomes = [
                .with { $0.outcomeID = "not-interested"; $0.flags = [.final] },
                .with { $0.outcomeID = "voicemail"; $0.maxAttempts = 2 },
                .with { $0.outcomeID = "no-answer" },
            ]
        })
        func save(_ outcome: String, after history: [CallSession.Event], call: String) throws -> [CallSession.Event] {
            history + (try session.decide(
                CallSession.Command(.saveOutcome(callID: call, capture: .with { $0.outcomeID = outcome }), by: actor(at: 140), contactID: "k", gate: rules),
                after: history).get())
        }
        func reserve(after history: [CallSession.Event], cap: Int = .max) -> Result<[CallSession.Event], DomainRejection> {
            session.decide(CallSession.Command(.reserve(reservationID: "r9", caller: "cal", expiresAtMicros: Self.start + 600_000_000),
                by: actor(at: 200), contactID: "k", gate: rules, maxAttempts: cap), after: history)
        }
        let final = try save("not-interested", after: try wrapUp(.noAnswer), call: "c1")
        #expect(session.fold(final).final)
        #expect(reserve(after: final) == .failure(.invalidCommand("contact k has a final outcome (not-interested) in campaign spring")))
        let once = try save("voicemail", after: try wrapUp(.voicemail), call: "c1")
        #expect((try? reserve(after: once).get()) != nil, "one voicemail of two allowed")
        let twice = try save("voicemail", after: try wrapUp(.voicemail, after: once, call: "c2"), call: "c2")
        #expect(reserve(after: twice) == .failure(.invalidCommand("contact k has had 2 attempts in campaign spring, the most allowed (2)")))
        let noAnswer = try save("no-answer", after: try wrapUp(.noAnswer, after: twice, call: "c3"), call: "c3")
        #expect((try? reserve(after: noAnswer).get()) != nil, "the outcome's own cap applies only after that outcome")
        #expect(reserve(after: noAnswer, cap: 3) == .failure(.invalidCommand("contact k has had 3 attempts in campaign spring, the most allowed (3)")))
    }

    @Test("a saved outcome records the call's facts and the details reports need; follow-up rules fire on matching contacts")
    func outcomeDetails() throws {
        let brief = Callstack_V1_CampaignBrief.with {
            $0.callHandling.outcomes = [.with {
                $0.outcomeID = "meeting"; $0.flags = [.meeting]; $0.requirements = [.meeting, .notes]; $0.callStatus = "meeting-booked"
            }]
            $0.callHandling.script = .with { $0.id = "opener"; $0.version = 3 }
            $0.callHandling.followUpRules = [
                .with { $0.ruleID = "uk-callback"; $0.outcomeID = "meeting"; $0.when = [.with { $0.field = "phone_region"; $0.operator = .equals; $0.values = ["GB"] }]; $0.callbackAfterSeconds = 172_800 },
                .with { $0.ruleID = "us-email"; $0.outcomeID = "meeting"; $0.when = [.with { $0.field = "phone_region"; $0.operator = .equals; $0.values = ["US"] }]; $0.emailTemplate = "confirm" },
                .with { $0.ruleID = "status"; $0.outcomeID = "meeting"; $0.setCallStatus = "qualified" },
            ]
        }
        let capture = Callstack_V1_OutcomeCapture.with {
            $0.outcomeID = "meeting"; $0.notes = "wants a demo"; $0.playbookStepsDone = ["intro"]
            $0.meeting = .with { $0.startsAtMicros = Self.start + 86_400_000_000; $0.durationMinutes = 30; $0.location = "Zoom" }
            $0.opportunity = .with { $0.opportunityID = "o1"; $0.amount = .with { $0.minorUnits = 50_000; $0.currency = "GBP" } }
        }
        let history = try wrapUp(.connected)
        let events = try session.decide(
            CallSession.Command(.saveOutcome(callID: "c1", capture: capture), by: actor(at: 190), contactID: "k", gate: OutcomeGate(brief: brief),
                facts: ContactFacts(phoneRegions: ["GB"])), after: history).get()
        guard events.count == 4, case .outcomeSaved(let saved, let notes) = events[0], case .meetingBooked(let meeting, let location) = events[1],
            case .opportunityOpened(let opportunity) = events[2], case .callbackScheduled(let callback) = events[3]
        else {
            Issue.record("outcome, meeting, opportunity and the UK rule's callback, in that order: \(events)")
            return
        }
        #expect(notes == "wants a demo" && location == "Zoom")
        #expect(saved.systemResult == .connected && saved.talkSeconds == 120 && saved.wrapSeconds == 60 && saved.attempt == 1)
        #expect(saved.flags == [.meeting] && saved.callerMemberID == "cal" && saved.callStatus == "qualified" && saved.script.version == 3)
        #expect(saved.playbookStepsDone == ["intro"])
        #expect(meeting.meetingID == "c1" && meeting.durationMinutes == 30)
        #expect(opportunity.amount.minorUnits == 50_000)
        #expect(callback.ruleID == "uk-callback" && callback.dueAtMicros == Self.start + 190_000_000 + 172_800_000_000 && callback.ownerMemberID.isEmpty)
    }

    @Test("predicates: each operator, and sealed or unknown fields never hold")
    func predicates() {
        let facts = ContactFacts(source: "webinar", callStatus: "new", phoneRegions: ["GB", "IE"], custom: ["tier": "gold", "empty": ""])
        func holds(_ field: String, _ op: Callstack_V1_PredicateOperator, _ values: [String] = []) -> Bool {
            facts.holds(.with { $0.field = field; $0.operator = op; $0.values = values })
        }
        #expect(holds("source", .equals, ["webinar"]) && !holds("source", .equals, ["referral"]))
        #expect(holds("phone_region", .oneOf, ["US", "IE"]) && !holds("phone_region", .notEquals, ["GB"]))
        #expect(holds("custom.tier", .prefix, ["go"]) && holds("custom.tier", .present) && holds("custom.empty", .absent) && holds("custom.none", .absent))
        #expect(holds("call_status", .notEquals, ["done"]))
        #expect(!holds("title", .present) && !holds("name", .absent), "sealed fields are not facts")
        #expect(!holds("source", .unspecified))
    }
}
