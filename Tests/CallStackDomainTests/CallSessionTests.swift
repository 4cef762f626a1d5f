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

    func actor(_ role: Role = .caller, at seconds: Int64 = 0) -> CommandActor {
        CommandActor(memberID: "cal", role: role, atMicros: Self.start + seconds * 1_000_000)
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
        guard case .outcomeSaved(let saved) = history.last else {
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
        #expect(refused(.reserve(reservationID: "r2", caller: "cal", expiresAtMicros: Self.start + 90_000_000), at: 40, after: history) != nil,
            "no new reservation during wrap-up")
        #expect(refused(.saveOutcome(callID: "c1", capture: .with { $0.outcomeID = "no-answer" }), at: 40, after: history, role: .viewer) != nil,
            "a Viewer may not save outcomes")
    }

    @Test("reservations: only the one held can be dialled or released; expiry only once due; two cannot be held at once")
    func reservations() throws {
        let held = try run(.reserve(reservationID: "r1", caller: "cal", expiresAtMicros: Self.start + 60_000_000), at: 0, after: enrolled)
        #expect(refused(.reserve(reservationID: "r2", caller: "max", expiresAtMicros: Self.start + 90_000_000), at: 1, after: held) != nil)
        #expect(refused(.startDial(reservationID: "r2", callID: "c1", callerIDNumber: "+442079460000"), after: held) != nil)
        #expect(refused(.startDial(reservationID: "r1", callID: "c1", callerIDNumber: "020 7946 0000"), after: held) != nil, "the caller ID must be E.164")
        #expect(refused(.expire(reservationID: "r1"), at: 59, after: held) == .invalidCommand("reservation r1 has not expired yet"))
        let expired = try run(.expire(reservationID: "r1"), at: 60, after: held, role: .teamAdmin)
        guard case .released(let released) = expired.last else {
            Issue.record("the reservation is released")
            return
        }
        #expect(released.expired && session.fold(expired).phase == .ready)
        let passed = try run(.release(reservationID: "r1", reason: "wrong person"), at: 3, after: held)
        #expect(session.fold(passed).phase == .ready)
        #expect(refused(.reserve(reservationID: "r3", caller: "cal", expiresAtMicros: Self.start), at: 0, after: enrolled) != nil, "an expiry in the past")
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
        let inCall = try run(.connect(callID: "c1"), at: 10, after: dialing)
        #expect(refused(.end(callID: "c1", result: .busy), at: 20, after: inCall) != nil)
        #expect(refused(.end(callID: "c1", result: .abandoned), at: 12, after: inCall) == nil)
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
}
