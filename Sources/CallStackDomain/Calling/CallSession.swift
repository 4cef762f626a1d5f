public import CallStackEvents
public import EventSourcing
import SwiftProtobuf

/// The call state of one enrolment (a contact in a campaign): ready → reserved → dialing → in call
/// → wrap-up → outcome saved (ready again). Pure: it folds the contact's stream, keeping only its
/// campaign's events, and decides the calling commands against it.
///
/// - A reservation is the caller's alone until they dial, pass, or it expires (at the time the
///   command gives: "now" is a parameter).
/// - A dial starts only from the reservation it names, with a caller ID in E.164.
/// - An attempt ends from dialing (no answer, busy, voicemail, failed) or from the call
///   (connected, or abandoned when no caller was free).
/// - Wrap-up is left only by saving an outcome that ``OutcomeGate`` accepts: one rejection lists
///   everything missing.
public struct CallSession: Decider {
    public enum Phase: Sendable, Equatable {
        case notEnrolled
        case ready
        case reserved(reservationID: String, caller: String, expiresAtMicros: Int64)
        case dialing(callID: String, caller: String, startedAtMicros: Int64)
        case inCall(callID: String, caller: String, connectedAtMicros: Int64)
        case wrapUp(callID: String, caller: String, result: Callstack_V1_SystemResult, endedAtMicros: Int64, talkMicros: Int64)
    }

    public struct State: Sendable, Equatable {
        public var phase = Phase.notEnrolled
        /// Dial attempts in the campaign so far.
        public var attempts = 0
    }

    public enum Request: Sendable, Equatable {
        case reserve(reservationID: String, caller: String, expiresAtMicros: Int64)
        case release(reservationID: String, reason: String)
        /// A system command (`advance(to:)`): the reservation has passed its expiry.
        case expire(reservationID: String)
        case startDial(reservationID: String, callID: String, callerIDNumber: String)
        case connect(callID: String)
        case end(callID: String, result: Callstack_V1_SystemResult)
        case saveOutcome(callID: String, capture: Callstack_V1_OutcomeCapture)
    }

    public struct Command: Sendable {
        public let request: Request
        public let actor: CommandActor
        public let contactID: String
        /// The campaign's outcome rules, for saving an outcome.
        public let gate: OutcomeGate

        public init(_ request: Request, by actor: CommandActor, contactID: String, gate: OutcomeGate) {
            self.request = request
            self.actor = actor
            self.contactID = contactID
            self.gate = gate
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
        case outcomeSaved(Callstack_V1_OutcomeSaved)
        /// Another campaign's, or not a calling event.
        case other
    }

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
        case let message as Callstack_V1_OutcomeSaved: (event, campaign) = (.outcomeSaved(message), message.campaignID)
        default: return .other
        }
        return campaign == campaignID ? event : .other
    }

    public func evolve(_ state: State, _ event: Event) -> State {
        var state = state
        switch event {
        case .enrolled: state.phase = .ready
        case .unenrolled: state.phase = .notEnrolled
        case .reserved(let reserved):
            state.phase = .reserved(reservationID: reserved.reservationID, caller: reserved.callerMemberID, expiresAtMicros: reserved.expiresAtMicros)
        case .released: state.phase = .ready
        case .dialStarted(let dial):
            if case .reserved(_, let caller, _) = state.phase {
                state.phase = .dialing(callID: dial.callID, caller: caller, startedAtMicros: dial.occurred.atMicros)
            }
            state.attempts += 1
        case .connected(let connected):
            if case .dialing(_, let caller, _) = state.phase {
                state.phase = .inCall(callID: connected.callID, caller: caller, connectedAtMicros: connected.occurred.atMicros)
            }
        case .ended(let ended):
            let (caller, talk): (String, Int64) = switch state.phase {
            case .dialing(_, let caller, _): (caller, 0)
            case .inCall(_, let caller, let connectedAt): (caller, max(0, ended.occurred.atMicros - connectedAt))
            default: ("", 0)
            }
            state.phase = .wrapUp(callID: ended.callID, caller: caller, result: ended.result, endedAtMicros: ended.occurred.atMicros, talkMicros: talk)
        case .outcomeSaved: state.phase = .ready
        case .other: break
        }
        return state
    }

    public func decide(_ command: Command, _ state: State) -> Result<[Event], DomainRejection> {
        if case .failure(let rejection) = PermissionMatrix.standard.check(command.actor, command.request.action) { return .failure(rejection) }
        let occurred = command.actor.occurrence
        switch (command.request, state.phase) {
        case (_, .notEnrolled):
            return .failure(.invalidCommand("contact \(command.contactID) is not enrolled in campaign \(campaignID)"))
        case (.reserve(let id, let caller, let expires), .ready):
            guard !id.isEmpty, !caller.isEmpty, expires > occurred.atMicros else {
                return .failure(.invalidCommand("a reservation needs an id, a caller and an expiry after now"))
            }
            return .success([.reserved(.with {
                $0.occurred = occurred; $0.contactID = command.contactID; $0.campaignID = campaignID
                $0.reservationID = id; $0.callerMemberID = caller; $0.expiresAtMicros = expires
            })])
        case (.release(let id, let reason), .reserved(let held, _, _)) where id == held:
            return .success([.released(release(command, id, expired: false, reason: reason))])
        case (.expire(let id), .reserved(let held, _, let expires)) where id == held:
            guard occurred.atMicros >= expires else { return .failure(.invalidCommand("reservation \(id) has not expired yet")) }
            return .success([.released(release(command, id, expired: true, reason: "expired"))])
        case (.startDial(let id, let callID, let number), .reserved(let held, _, _)) where id == held:
            guard !callID.isEmpty else { return .failure(.invalidCommand("a dial needs a call id")) }
            guard (try? E164Phone(number)) != nil else { return .failure(.invalidCommand("caller ID \(number.debugDescription) is not an E.164 number")) }
            return .success([.dialStarted(.with {
                $0.occurred = occurred; $0.contactID = command.contactID; $0.campaignID = campaignID
                $0.reservationID = id; $0.callID = callID; $0.callerIDNumber = number
            })])
        case (.connect(let callID), .dialing(let dialing, _, _)) where callID == dialing:
            return .success([.connected(.with { $0.occurred = occurred; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.callID = callID })])
        case (.end(let callID, let result), .dialing(let dialing, _, _)) where callID == dialing:
            guard [.noAnswer, .busy, .voicemail, .failed].contains(result) else {
                return .failure(.invalidCommand("a call that never connected ends with no answer, busy, voicemail or failed"))
            }
            return .success([.ended(ended(command, callID, result))])
        case (.end(let callID, let result), .inCall(let calling, _, _)) where callID == calling:
            guard [.connected, .abandoned].contains(result) else {
                return .failure(.invalidCommand("a connected call ends connected or abandoned"))
            }
            return .success([.ended(ended(command, callID, result))])
        case (.saveOutcome(let callID, let capture), .wrapUp(let wrapping, _, _, _, let talk)) where callID == wrapping:
            switch command.gate.check(capture, at: BusinessTime(micros: occurred.atMicros)) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let outcome):
                return .success([.outcomeSaved(.with {
                    $0.occurred = occurred; $0.contactID = command.contactID; $0.campaignID = campaignID
                    $0.callID = callID; $0.outcomeID = outcome.outcomeID; $0.talkSeconds = UInt32(clamping: talk / 1_000_000)
                })])
            }
        case (let request, let phase):
            return .failure(.invalidCommand("\(request.name) is not possible while the enrolment is \(Self.name(phase))"))
        }
    }

    private func release(_ command: Command, _ id: String, expired: Bool, reason: String) -> Callstack_V1_ReservationReleased {
        .with {
            $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID
            $0.reservationID = id; $0.expired = expired; $0.reason = reason
        }
    }

    private func ended(_ command: Command, _ callID: String, _ result: Callstack_V1_SystemResult) -> Callstack_V1_CallEnded {
        .with { $0.occurred = command.actor.occurrence; $0.contactID = command.contactID; $0.campaignID = campaignID; $0.callID = callID; $0.result = result }
    }

    /// The phase as a rejection names it.
    static func name(_ phase: Phase) -> String {
        switch phase {
        case .notEnrolled: "not enrolled"
        case .ready: "ready"
        case .reserved(let id, let caller, _): "reserved (\(id), for \(caller))"
        case .dialing(let callID, _, _): "dialing (call \(callID))"
        case .inCall(let callID, _, _): "in call (call \(callID))"
        case .wrapUp(let callID, _, _, _, _): "in wrap-up (call \(callID)): an outcome must be saved"
        }
    }
}

extension CallSession.Request {
    /// The permission the request takes: the calling steps take `dial`, the outcome `saveOutcome`.
    var action: Action {
        if case .saveOutcome = self { .saveOutcome } else { .dial }
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
        }
    }
}
