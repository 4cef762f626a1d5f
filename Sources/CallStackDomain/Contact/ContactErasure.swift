public import CallStackEvents
public import EventSourcing

/// Decides `ForgetContact` on a contact's stream: only the roles the ``PermissionMatrix`` allows
/// (Team Admins) may forget, the contact must
/// exist, and forgetting a forgotten contact is a success that records nothing more.
///
/// The decision is pure; the engine deletes the contact's key and keyed hashes before it appends
/// the `ContactForgotten` event this returns.
public struct ContactErasure: Decider {
    public struct Command: Sendable, Equatable {
        public let forget: Callstack_V1_ForgetContact
        public let actor: CommandActor

        public init(_ forget: Callstack_V1_ForgetContact, by actor: CommandActor) {
            self.forget = forget
            self.actor = actor
        }
    }

    /// What the contact's stream says about its life.
    public struct State: Sendable, Equatable {
        public var exists = false
        public var forgotten = false
    }

    public init() {}

    public var initialState: State { State() }

    public func decide(_ command: Command, _ state: State) -> Result<[ContactEvent], DomainRejection> {
        let id = command.forget.contactID
        guard !id.isEmpty else { return .failure(.invalidCommand("ForgetContact needs a contact_id")) }
        if case .failure(let rejection) = PermissionMatrix.standard.check(command.actor, .forgetPersonalData) {
            return .failure(rejection)
        }
        guard state.exists else { return .failure(.notFound("contact \(id)")) }
        guard !state.forgotten else { return .success([]) }
        var forgotten = Callstack_V1_ContactForgotten()
        forgotten.occurred = command.actor.occurrence
        forgotten.contactID = id
        return .success([.forgotten(forgotten)])
    }

    public func evolve(_ state: State, _ event: ContactEvent) -> State {
        var state = state
        switch event {
        case .created: state.exists = true
        case .forgotten: state.forgotten = true
        default: break
        }
        return state
    }
}
