public import CallStackEvents
public import EventSourcing
import SwiftProtobuf

/// A caller's shift, on the member's stream (`member-<id>`): started, then ended. A member starts
/// and ends their own shift (any role that may dial); a Team Admin or Campaign Manager may end
/// anyone's, or start it for them. A campaign that requires an active shift hands out contacts
/// only to callers on one.
public struct ShiftDecider: Decider {
    public struct State: Sendable, Equatable {
        /// When the open shift started; nil off shift.
        public var startedAtMicros: Int64?
    }

    public enum Request: Sendable, Equatable {
        case start(memberID: String)
        case end(memberID: String)
    }

    public struct Command: Sendable {
        public let request: Request
        public let actor: CommandActor
        /// The member is in the workspace and active.
        public let memberIsActive: Bool

        public init(_ request: Request, by actor: CommandActor, memberIsActive: Bool) {
            self.request = request
            self.actor = actor
            self.memberIsActive = memberIsActive
        }
    }

    public enum Event: Sendable, Equatable {
        case started(Callstack_V1_ShiftStarted)
        case ended(Callstack_V1_ShiftEnded)
        case other
    }

    public init() {}

    public var initialState: State { State() }

    public func event(_ decoded: DecodedEvent) -> Event {
        switch decoded.message {
        case let started as Callstack_V1_ShiftStarted: .started(started)
        case let ended as Callstack_V1_ShiftEnded: .ended(ended)
        default: .other
        }
    }

    public func evolve(_ state: State, _ event: Event) -> State {
        switch event {
        case .started(let started): State(startedAtMicros: started.occurred.atMicros)
        case .ended: State()
        case .other: state
        }
    }

    public func decide(_ command: Command, _ state: State) -> Result<[Event], DomainRejection> {
        let member: String
        switch command.request {
        case .start(let id), .end(let id): member = id
        }
        if case .failure(let rejection) = PermissionMatrix.standard.check(command.actor, .dial) { return .failure(rejection) }
        let supervisor = command.actor.role == .teamAdmin || command.actor.role == .campaignManager
        guard member == command.actor.memberID || supervisor else {
            return .failure(.notAuthorized(actor: command.actor.memberID, action: "start or end another member's shift", requires: "Team Admin or Campaign Manager"))
        }
        let occurred = command.actor.occurrence
        switch (command.request, state.startedAtMicros) {
        case (.start, nil):
            guard command.memberIsActive else { return .failure(.invalidCommand("member \(member) is not an active member")) }
            return .success([.started(.with { $0.occurred = occurred; $0.memberID = member })])
        case (.start, .some):
            return .success([])
        case (.end, .some(let since)):
            guard command.actor.atMicros >= since else { return .failure(.invalidCommand("a shift cannot end before it started")) }
            return .success([.ended(.with { $0.occurred = occurred; $0.memberID = member })])
        case (.end, nil):
            return .failure(.invalidCommand("member \(member) is not on shift"))
        }
    }
}
