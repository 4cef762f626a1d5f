public import CallStackEvents
public import EventSourcing
import SwiftProtobuf

/// The call state of one enrolment (a contact in a campaign): ready → reserved → dialing → in call
/// → wrap-up → outcome saved (ready again). Pure: it folds the contact's stream, keeping only its
/// campaign's events (and the contact's own archiving and forgetting), and decides the calling
/// commands against it.
///
/// - A reservation is its caller's alone: only they (or a Team Admin or Campaign Manager) dial,
///   pass on it or save its outcome, and only until it expires (at most an hour ahead); an
///   expired one is released by the system command `expire`, never before it is due.
/// - A dial starts only from the reservation it names, with a caller ID in E.164 (recorded in
///   canonical form).
/// - An attempt ends from dialing (no answer, busy, voicemail, failed) or from the call
///   (connected, or abandoned when no caller was free); talk time counts only for a connected call.
/// - Wrap-up is left only by saving an outcome that ``OutcomeGate`` accepts: one rejection lists
///   everything missing.
/// - A command's time never goes back before the phase it acts on began.
/// - Events that do not fit the phase (out of order, another call's) leave the state as it is.
public struct CallSession: Decider {
    public enum Phase: Sendable, Equatable {
        case notEnrolled
        case ready
        case reserved(reservationID: String, caller: String, reservedAtMicros: Int64, expiresAtMicros: Int64)
        case dialing(callID: String, caller: String, startedAtMicros: Int64)
        case inCall(callID: String, caller: String, connectedAtMicros: Int64)
        case wrapUp(callID: String, caller: String, result: Callstack_V1_SystemResult, endedAtMicros: Int64, talkMicros: Int64)
    }

    public struct State: Sendable, Equatable {
        public var phase = Phase.notEnrolled
        /// Dial attempts in the campaign so far.
        public var attempts = 0
        /// The contact is archived (out of queues) or forgotten: it takes no new reservation.
        public var archived = false
        public var forgotten = false
        /// The last saved outcome was FINAL: the contact is not called again in the campaign.
        public var final = false
        /// The last saved outcome's id; empty before any.
        public var lastOutcomeID = ""
        /// The caller the enrolment belongs to: whoever first reached the contact, or a
        /// manager's reassignment; empty for the shared queue.
        public var owner = ""
        /// Meetings booked in the campaign, by id, and whether the contact has answered.
        public var meetings: [String: Bool] = [:]
    }

    public enum Request: Sendable, Equatable {
        case reserve(reservationID: String, caller: String, expiresAtMicros: Int64)
        case release(reservationID: String, reason: String)
        /// A system command (`advance(to:)`): the reservation has passed its expiry.
        case expire(reservationID: String)
        case startDial(reservationID: String, callID: String, callerIDNumber: String, evidence: Callstack_V1_DialEvidence = .init())
        case connect(callID: String)
        case end(callID: String, result: Callstack_V1_SystemResult)
        case saveOutcome(callID: String, capture: Callstack_V1_OutcomeCapture)
        /// A manager gives the enrolment to another caller (empty: back to the shared queue).
        case reassign(to: String)
        /// The contact accepted or declined a meeting booked in the campaign.
        case respondToMeeting(meetingID: String, accepted: Bool)
        /// System commands of `advance(to:)`: a hot lead passed its service-level time; a callback came due.
        case escalateHotLead(sinceMicros: Int64)
        case surfaceCallback(dueAtMicros: Int64)
        /// A system command of `advance(to:)`: a call left open past ``stuckCallMicros`` (the
        /// integration never reported its end, or the caller never saved an outcome) is closed
        /// with the system outcome ``systemOutcomeID``, so that no contact stays stuck.
        case closeStuckCall(callID: String)
    }

    public struct Command: Sendable {
        public let request: Request
        public let actor: CommandActor
        public let contactID: String
        /// The campaign's outcome rules, for saving an outcome.
        public let gate: OutcomeGate
        /// The campaign's cap on attempts per contact (its effective settings); an outcome's own
        /// `max_attempts` lowers it after that outcome.
        public let maxAttempts: Int
        /// The contact's facts, for the follow-up rules' predicates.
        public let facts: ContactFacts

        public init(
            _ request: Request, by actor: CommandActor, contactID: String, gate: OutcomeGate, maxAttempts: Int = .max,
            facts: ContactFacts = ContactFacts()
        ) {
            self.request = request
            self.actor = actor
            self.contactID = contactID
            self.gate = gate
            self.maxAttempts = maxAttempts
            self.facts = facts
        }
    }

    public enum Event: Sendable, Equatable {
        case enrolled(Callstack_V1_ContactEnrolled)
        case unenrolled(Callstack_V1_ContactUnenrolled)
        case reserved(Callstack_V1_CallReserved)
        case released(Callstack_V1_ReservationReleased)
        case dialStarted(Callstack_V1_DialStarted)
        case connected(Callstack_V1_CallConnected)
        case ended(Callstack_V1_CallEnded)
        /// The outcome, with its notes in plaintext until recorded (sealed then; empty when read back).
        case outcomeSaved(Callstack_V1_OutcomeSaved, notes: String)
        /// A meeting, with its location in plaintext until recorded (sealed then).
        case meetingBooked(Callstack_V1_MeetingBooked, location: String)
        case opportunityOpened(Callstack_V1_OpportunityOpened)
        case revenueAttributed(Callstack_V1_RevenueAttributed)
        case callbackScheduled(Callstack_V1_CallbackScheduled)
        case followUpCreated(Callstack_V1_FollowUpCreated)
        case reassigned(Callstack_V1_EnrolmentReassigned)
        case meetingResponded(Callstack_V1_MeetingResponded)
        case hotLeadEscalated(Callstack_V1_HotLeadEscalated)
        case callbackDue(Callstack_V1_CallbackDue)
        case archived(Callstack_V1_ContactArchived)
        case unarchived(Callstack_V1_ContactUnarchived)
        case forgotten(Callstack_V1_ContactForgotten)
        /// Another campaign's, or not a calling event.
        case other
    }

    /// How long a call may stay open (dialing, in call or in wrap-up) before `advance` closes it.
    public static let stuckCallMicros: Int64 = 4 * 3_600_000_000
    /// The outcome a stuck call is closed with; not one of the campaign's, and not final.
    public static let systemOutcomeID = "system:unresolved"

    /// The longest a reservation may be held.
    public static let maxReservationMicros: Int64 = 3_600_000_000

    public let campaignID: String

    public init(campaignID: String) {
        self.campaignID = campaignID
    }

    public var initialState: State { State() }

    /// The calling view of an event read from the contact's stream; `other` for another campaign's.
    public func event(_ decoded: DecodedEvent) -> Event {
        let event: Event
        let campaign: String
        switch decoded.message {
        case let message as Callstack_V1_ContactEnrolled: (event, campaign) = (.enrolled(message), message.campaignID)
        case let message as Callstack_V1_ContactUnenrolled: (event, campaign) = (.unenrolled(message), message.campaignID)
        case let message as Callstack_V1_CallReserved: (event, campaign) = (.reserved(message), message.campaignID)
        case let message as Callstack_V1_ReservationReleased: (event, campaign) = (.released(message), message.campaignID)
        case let message as Callstack_V1_DialStarted: (event, campaign) = (.dialStarted(message), message.campaignID)
        case let message as Callstack_V1_CallConnected: (event, campaign) = (.connected(message), message.campaignID)
        case let message as Callstack_V1_CallEnded: (event, campaign) = (.ended(message), message.campaignID)
        case let message as Callstack_V1_OutcomeSaved: (event, campaign) = (.outcomeSaved(message, notes: ""), message.campaignID)
        case let message as Callstack_V1_MeetingBooked: (event, campaign) = (.meetingBooked(message, location: ""), message.campaignID)
        case let message as Callstack_V1_MeetingResponded: (event, campaign) = (.meetingResponded(message), message.campaignID)
        case let message as Callstack_V1_EnrolmentReassigned: (event, campaign) = (.reassigned(message), message.campaignID)
        case let message as Callstack_V1_ContactArchived: return .archived(message)
        case let message as Callstack_V1_ContactUnarchived: return .unarchived(message)
        case let message as Callstack_V1_ContactForgotten: return .forgotten(message)
        default: return .other
        }
        return campaign == campaignID ? event : .other
    }

    public func evolve(_ state: State, _ event: Event) -> State {
        var state = state
        switch (event, state.phase) {
        case (.enrolled, .notEnrolled): state.phase = .ready
        case (.unenrolled, _): state.phase = .notEnrolled
        case (.reserved(let reserved), .ready):
            state.phase = .reserved(
                reservationID: reserved.reservationID, caller: reserved.callerMemberID, reservedAtMicros: reserved.occurred.atMicros,
                expiresAtMicros: reserved.expiresAtMicros)
        case (.released(let released), .reserved(let held, _, _, _)) where released.reservationID == held: state.phase = .ready
        case (.dialStarted(let dial), .reserved(let held, let caller, _, _)) where dial.reservationID == held:
            state.phase = .dialing(callID: dial.callID, caller: caller, startedAtMicros: dial.occurred.atMicros)
            state.attempts += 1
        case (.connected(let connected), .dialing(let callID, let caller, _)) where connected.callID == callID:
            state.phase = .inCall(callID: callID, caller: caller, connectedAtMicros: connected.occurred.atMicros)
        case (.ended(let ended), .dialing(let callID, let caller, _)) where ended.callID == callID:
            state.phase = .wrapUp(callID: callID, caller: caller, result: ended.result, endedAtMicros: ended.occurred.atMicros, talkMicros: 0)
        case (.ended(let ended), .inCall(let callID, let caller, let connectedAt)) where ended.callID == callID:
            let (talk, overflow) = ended.occurred.atMicros.subtractingReportingOverflow(connectedAt)
            let talked = ended.result == .connected && !overflow ? max(0, talk) : 0
            if ended.result == .connected, state.owner.isEmpty { state.owner = caller }
            state.phase = .wrapUp(callID: callID, caller: caller, result: ended.result, endedAtMicros: ended.occurred.atMicros, talkMicros: talked)
        case (.outcomeSaved(let saved, _), .wrapUp(let callID, _, _, _, _)) where saved.callID == callID:
            state.phase = .ready
            state.lastOutcomeID = saved.outcomeID
            state.final = saved.flags.contains(.final)
        case (.reassigned(let reassigned), _): state.owner = reassigned.toMemberID
        case (.meetingBooked(let meeting, _), _): state.meetings[meeting.meetingID] = false
        case (.meetingResponded(let response), _) where state.meetings[response.meetingID] != nil: state.meetings[response.meetingID] = true
        case (.archived, _): state.archived = true
        case (.unarchived, _): state.archived = false
        case (.forgotten, _): state.forgotten = true
        default: break
        }
        return state
    }

    public func decide(_ command: Command, _ state: State) -> Result<[Event], DomainRejection> {
        if case .failure(let rejection) = PermissionMatrix.standard.check(command.actor, command.request.action) { return .failure(rejection) }
        if case .failure(let rejection) = checkOwnerAndTime(command, state.phase) { return .failure(rejection) }
        let now = command.actor.atMicros
        switch (command.request, state.phase) {
        case (_, .notEnrolled):
            return .failure(.invalidCommand("contact \(command.contactID) is not enrolled in campaign \(campaignID)"))
        case (.reserve(let id, let caller, let expires), .ready):
            guard !state.archived, !state.forgotten else {
                return .failure(.invalidCommand("contact \(command.contactID) is \(state.forgotten ? "forgotten" : "archived"): it takes no call"))
            }
            if let refusal = exhausted(command, state) { return .failure(refusal) }
            guard !id.isEmpty, !caller.isEmpty, expires > now, expires - now <= Self.maxReservationMicros else {
                return .failure(.invalidCommand("a reservation needs an id, a caller and an expiry after now, at most an hour ahead"))
            }
            return .success([.reserved(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID
                $0.reservationID = id; $0.callerMemberID = caller; $0.expiresAtMicros = expires
            })])
        case (.release(let id, let reason), .reserved(let held, let caller, _, _)) where id == held:
            let cause: Callstack_V1_ReleaseCause = command.actor.memberID == caller ? .passed : .revoked
            return .success([.released(release(command, id, cause, reason))])
        case (.expire(let id), .reserved(let held, _, _, let expires)) where id == held:
            guard now >= expires else { return .failure(.invalidCommand("reservation \(id) has not expired yet")) }
            return .success([.released(release(command, id, .expired, ""))])
        case (.startDial(let id, let callID, let number, let evidence), .reserved(let held, let caller, _, let expires)) where id == held:
            guard now < expires else { return .failure(.invalidCommand("reservation \(id) has expired")) }
            guard !callID.isEmpty else { return .failure(.invalidCommand("a dial needs a call id")) }
            guard let callerID = try? E164Phone(number) else { return .failure(.invalidCommand("caller ID \(number.debugDescription) is not an E.164 number")) }
            return .success([.dialStarted(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID
                $0.reservationID = id; $0.callID = callID; $0.callerIDNumber = callerID.digits; $0.callerMemberID = caller
                $0.evidence = evidence
            })])
        case (.connect(let callID), .dialing(let dialing, _, _)) where callID == dialing:
            return .success([.connected(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.callID = callID
            })])
        case (.end(let callID, let result), .dialing(let dialing, _, _)) where callID == dialing:
            guard [.noAnswer, .busy, .voicemail, .failed].contains(result) else {
                return .failure(.invalidCommand("a call that never connected ends with no answer, busy, voicemail or failed"))
            }
            return .success([.ended(ended(command, callID, result))])
        case (.end(let callID, let result), .inCall(let calling, _, _)) where callID == calling:
            guard [.connected, .abandoned].contains(result) else { return .failure(.invalidCommand("a connected call ends connected or abandoned")) }
            return .success([.ended(ended(command, callID, result))])
        case (.saveOutcome(let callID, let capture), .wrapUp(let wrapping, let caller, let result, let endedAt, let talk)) where callID == wrapping:
            return command.gate.check(capture, after: result, at: BusinessTime(micros: now)).map { outcome in
                let effects = OutcomeEffects(brief: command.gate.brief, outcome: outcome, capture: capture, facts: command.facts)
                let call = CallContext(occurred: command.actor.occurrence, contactID: command.contactID, campaignID: campaignID, callID: callID, caller: caller)
                let saved = Callstack_V1_OutcomeSaved.with {
                    $0.occurred = call.occurred; $0.contactID = call.contactID; $0.campaignID = campaignID; $0.callID = callID
                    $0.outcomeID = outcome.outcomeID; $0.talkSeconds = UInt32(clamping: talk / 1_000_000); $0.systemResult = result
                    $0.flags = outcome.flags; $0.callerMemberID = caller; $0.wrapSeconds = UInt32(clamping: max(0, now - endedAt) / 1_000_000)
                    $0.callStatus = effects.callStatus; $0.playbookStepsDone = capture.playbookStepsDone; $0.qualification = capture.qualification
                    let handling = command.gate.brief.callHandling
                    if handling.hasScript { $0.script = handling.script }
                    if handling.hasPlaybookTemplate { $0.playbookTemplate = handling.playbookTemplate }
                    $0.attempt = UInt32(clamping: state.attempts)
                }
                return [.outcomeSaved(saved, notes: capture.notes)] + effects.events(call)
            }
        case (.reassign(let member), .ready):
            guard member != state.owner else { return .success([]) }
            return .success([.reassigned(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID
                $0.fromMemberID = state.owner; $0.toMemberID = member
            })])
        case (.respondToMeeting(let meetingID, let accepted), _):
            guard state.meetings[meetingID] != nil else {
                return .failure(.notFound("meeting \(meetingID) of contact \(command.contactID) in campaign \(campaignID)"))
            }
            return .success([.meetingResponded(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID
                $0.meetingID = meetingID; $0.accepted = accepted
            })])
        case (.escalateHotLead(let since), .ready):
            return .success([.hotLeadEscalated(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.sinceMicros = since
            })])
        case (.surfaceCallback(let due), _):
            guard due <= now else { return .failure(.invalidCommand("the callback is not due until \(due)")) }
            return .success([.callbackDue(.with {
                $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.dueAtMicros = due
            })])
        case (.closeStuckCall(let callID), let phase):
            return closeStuck(callID, phase, command, attempts: state.attempts)
        case (let request, let phase):
            return .failure(.invalidCommand("\(request.name) is not possible while the enrolment is \(Self.name(phase))"))
        }
    }

    /// Closes a call open past ``stuckCallMicros``: ends it (no answer if it never connected;
    /// connected, without talk time, if it did) and saves the system outcome; from wrap-up, only
    /// the outcome.
    private func closeStuck(_ callID: String, _ phase: Phase, _ command: Command, attempts: Int) -> Result<[Event], DomainRejection> {
        let now = command.actor.atMicros
        let (since, caller, result, talk): (Int64, String, Callstack_V1_SystemResult, Int64)
        var events: [Event] = []
        switch phase {
        // Neutral results: no answer (not failed: an integration outage must not hold numbers or
        // trip the failure guardrail), and no talk time claimed for a call nobody closed.
        case .dialing(let id, let owner, let started) where id == callID: (since, caller, result, talk) = (started, owner, .noAnswer, 0)
        case .inCall(let id, let owner, let connected) where id == callID: (since, caller, result, talk) = (connected, owner, .connected, 0)
        case .wrapUp(let id, let owner, let ended, let endedAt, let talked) where id == callID: (since, caller, result, talk) = (endedAt, owner, ended, talked)
        default: return .failure(.invalidCommand("call \(callID) is not open on contact \(command.contactID)"))
        }
        guard now - since >= Self.stuckCallMicros else { return .failure(.invalidCommand("call \(callID) has not been open long enough to be closed")) }
        if case .wrapUp = phase {} else { events.append(.ended(ended(command, callID, result))) }
        events.append(.outcomeSaved(.with {
            $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.callID = callID
            $0.outcomeID = Self.systemOutcomeID; $0.systemResult = result; $0.callerMemberID = caller
            $0.talkSeconds = UInt32(clamping: max(0, talk) / 1_000_000); $0.attempt = UInt32(clamping: attempts)
        }, notes: ""))
        return .success(events)
    }

    /// Why the enrolment takes no more attempts: a FINAL outcome, or the attempt cap (the
    /// campaign's, or the last outcome's own, whichever is lower) reached.
    private func exhausted(_ command: Command, _ state: State) -> DomainRejection? {
        if state.final {
            return .invalidCommand("contact \(command.contactID) has a final outcome (\(state.lastOutcomeID)) in campaign \(campaignID)")
        }
        let outcomeCap = command.gate.brief.callHandling.outcomes.first { $0.outcomeID == state.lastOutcomeID }
            .flatMap { $0.hasMaxAttempts ? Int($0.maxAttempts) : nil }
        let cap = min(command.maxAttempts, outcomeCap ?? .max)
        guard state.attempts >= cap else { return nil }
        return .invalidCommand("contact \(command.contactID) has had \(state.attempts) attempts in campaign \(campaignID), the most allowed (\(cap))")
    }

    /// A reservation's steps are its caller's (or a Team Admin's or Campaign Manager's); no command
    /// is dated before the phase it acts on began.
    private func checkOwnerAndTime(_ command: Command, _ phase: Phase) -> Result<Void, DomainRejection> {
        let supervisor = command.actor.role == .teamAdmin || command.actor.role == .campaignManager
        let owner: String?
        let since: Int64?
        switch phase {
        case .reserved(_, let caller, let at, _): (owner, since) = (caller, at)
        case .dialing(_, let caller, let at): (owner, since) = (caller, at)
        case .inCall(_, let caller, let at): (owner, since) = (caller, at)
        case .wrapUp(_, let caller, _, let at, _): (owner, since) = (caller, at)
        case .ready, .notEnrolled: (owner, since) = (nil, nil)
        }
        if case .reserve(_, let caller, _) = command.request, caller != command.actor.memberID, !supervisor {
            return .failure(.notAuthorized(actor: command.actor.memberID, action: "reserve a contact for another caller", requires: "Team Admin or Campaign Manager"))
        }
        if let owner, owner != command.actor.memberID, !supervisor, command.request.isCallersOwn {
            return .failure(.notAuthorized(actor: command.actor.memberID, action: "act on another caller's reservation or call", requires: "Team Admin or Campaign Manager"))
        }
        if let since, command.actor.atMicros < since {
            return .failure(.invalidCommand("the command's time is before the \(Self.name(phase)) phase began"))
        }
        return .success(())
    }

    private func release(_ command: Command, _ id: String, _ cause: Callstack_V1_ReleaseCause, _ reason: String) -> Callstack_V1_ReservationReleased {
        .with {
            $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID
            $0.reservationID = id; $0.cause = cause; $0.reason = reason
        }
    }

    private func ended(_ command: Command, _ callID: String, _ result: Callstack_V1_SystemResult) -> Callstack_V1_CallEnded {
        .with {
            $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.callID = callID; $0.result = result
        }
    }

    /// The phase as a rejection names it.
    static func name(_ phase: Phase) -> String {
        switch phase {
        case .notEnrolled: "not enrolled"
        case .ready: "ready"
        case .reserved(let id, let caller, _, _): "reserved (\(id), for \(caller))"
        case .dialing(let callID, _, _): "dialing (call \(callID))"
        case .inCall(let callID, _, _): "in call (call \(callID))"
        case .wrapUp(let callID, _, _, _, _): "in wrap-up (call \(callID)): an outcome must be saved"
        }
    }
}

extension CallSession.Request {
    /// The permission the request takes: the calling steps take `dial`, the outcome and a
    /// meeting's answer `saveOutcome`, a reassignment `assignCallers`.
    public var action: Action {
        switch self {
        case .saveOutcome, .respondToMeeting: .saveOutcome
        case .reassign: .assignCallers
        case .reserve, .release, .expire, .startDial, .connect, .end, .escalateHotLead, .surfaceCallback, .closeStuckCall: .dial
        }
    }

    /// Steps only the reservation's caller (or a supervisor) takes: connect and end come from the
    /// telephony integration, and expiry from the system, on anyone's behalf.
    var isCallersOwn: Bool {
        switch self {
        case .release, .startDial, .saveOutcome: true
        case .reserve, .expire, .connect, .end, .reassign, .respondToMeeting, .escalateHotLead, .surfaceCallback, .closeStuckCall: false
        }
    }

    var name: String {
        switch self {
        case .reserve: "reserving"
        case .release: "releasing the reservation"
        case .expire: "expiring the reservation"
        case .startDial: "dialling"
        case .connect: "connecting"
        case .end: "ending the call"
        case .saveOutcome: "saving an outcome"
        case .reassign: "reassigning"
        case .respondToMeeting: "answering a meeting"
        case .escalateHotLead: "escalating a hot lead"
        case .surfaceCallback: "surfacing a callback"
        case .closeStuckCall: "closing a stuck call"
        }
    }
}
