public import CallStackEvents
public import EventSourcing

/// Decides additions to and removals from one suppression list. The engine passes what the
/// workspace knows (the actor's role, whether the client exists); the list is this decider's state.
///
/// The global list takes the permission to manage global suppression (Team Admins), a client's list
/// the permission to manage client suppression (Campaign Managers too). An entry needs a unique id,
/// a kind, a value valid for its kind (normalised on the way in), a reason, and an expiry after the
/// command's time if it has one.
public struct SuppressionDecider: Decider {
    public enum Request: Sendable {
        case add(Callstack_V1_AddSuppressionEntry)
        case remove(Callstack_V1_RemoveSuppressionEntry)
    }

    public struct Command: Sendable {
        public let request: Request
        public let actor: CommandActor
        /// For a client's list: whether the workspace has that client, and it is not archived.
        public let clientIsOpen: Bool

        public init(_ request: Request, by actor: CommandActor, clientIsOpen: Bool) {
            self.request = request
            self.actor = actor
            self.clientIsOpen = clientIsOpen
        }

        var clientID: String {
            switch request {
            case .add(let add): add.clientID
            case .remove(let remove): remove.clientID
            }
        }
    }

    public init() {}

    public var initialState: SuppressionList { SuppressionList() }

    public func decide(_ command: Command, _ list: SuppressionList) -> Result<[SuppressionEvent], DomainRejection> {
        let action: Action = command.clientID.isEmpty ? .manageGlobalSuppression : .manageClientSuppression
        if case .failure(let refusal) = PermissionMatrix.standard.check(command.actor, action) { return .failure(refusal) }
        var problems = Problems()
        problems.check(command.clientID.isEmpty || command.clientIsOpen, .notFound("an open client \(command.clientID)"))
        let events: [SuppressionEvent]
        switch command.request {
        case .add(let add): events = adding(add, to: list, at: BusinessTime(micros: command.actor.atMicros), by: command.actor.memberID, &problems)
        case .remove(let remove):
            problems.check(list.entries[remove.entryID] != nil, .notFound("suppression entry \(remove.entryID)"))
            events = [.removed(entryID: remove.entryID)]
        }
        if let rejection = DomainRejection.of(problems.list) { return .failure(rejection) }
        return .success(events)
    }

    private func adding(
        _ add: Callstack_V1_AddSuppressionEntry, to list: SuppressionList, at time: BusinessTime, by member: String,
        _ problems: inout Problems
    ) -> [SuppressionEvent] {
        problems.require(add.entryID, "entry_id")
        problems.check(list.entries[add.entryID] == nil, .invalidCommand("suppression entry \(add.entryID) exists already"))
        problems.require(add.reason, "reason")
        problems.check(add.expiresAtMicros == 0 || add.expiresAtMicros > time.micros, .invalidCommand("expires_at_micros is not after the command's time"))
        guard let kind = SuppressionEntry.Kind(add.kind) else { return problems.fail(.invalidCommand("kind is required")) }
        let value: String
        switch SuppressionEntry.normalise(add.value, as: kind) {
        case .success(let normalised): value = normalised
        case .failure(let problem): return problems.fail(problem)
        }
        return [.added(SuppressionEntry(
            id: add.entryID, kind: kind, value: value, reason: add.reason, source: add.source, addedBy: member, addedAt: time,
            expiresAt: add.expiresAtMicros == 0 ? nil : BusinessTime(micros: add.expiresAtMicros)))]
    }

    public func evolve(_ list: SuppressionList, _ event: SuppressionEvent) -> SuppressionList {
        var list = list
        switch event {
        case .added(let entry): list.entries[entry.id] = entry
        case .removed(let entryID): list.entries[entryID] = nil
        case .other: break
        }
        return list
    }
}
