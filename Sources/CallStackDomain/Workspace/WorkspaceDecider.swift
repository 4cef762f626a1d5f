public import CallStackEvents
public import EventSourcing

/// Decides the commands of the `workspace` stream: the bootstrap, members and roles, labour rates,
/// and clients. Every command but the bootstrap is checked against the ``PermissionMatrix`` with
/// the actor's role as the workspace knows it (a deactivated member has none). A rejection names
/// every problem and records nothing.
///
/// Rules beyond permissions: ids are unique and non-empty; the last active Team Admin cannot be
/// demoted or deactivated; an archived client cannot be renamed; a labour rate is a valid,
/// non-negative amount. A command that would change nothing (the same role, a rate already set)
/// succeeds with no events.
public struct WorkspaceDecider: Decider {
    public enum Request: Sendable {
        case create(Callstack_V1_CreateWorkspace)
        case invite(Callstack_V1_InviteMember)
        case changeRole(Callstack_V1_ChangeMemberRole)
        case deactivate(Callstack_V1_DeactivateMember)
        case reactivate(Callstack_V1_ReactivateMember)
        case setLabourRate(Callstack_V1_SetLabourRate)
        case addClient(Callstack_V1_AddClient)
        case renameClient(Callstack_V1_RenameClient)
        case archiveClient(Callstack_V1_ArchiveClient)

        /// What the permission matrix is asked; nil for the bootstrap, which anyone may issue on a
        /// store without a workspace.
        var action: Action? {
            switch self {
            case .create: nil
            case .invite: .inviteMember
            case .changeRole: .changeMemberRole
            case .deactivate: .deactivateMember
            case .reactivate: .reactivateMember
            case .setLabourRate: .setLabourRate
            case .addClient, .renameClient, .archiveClient: .manageClients
            }
        }
    }

    public struct Command: Sendable {
        public let request: Request
        /// The issuing member; their role is looked up in the state, not taken from here.
        public let memberID: String
        public let atMicros: Int64

        public init(_ request: Request, by memberID: String, atMicros: Int64) {
            self.request = request
            self.memberID = memberID
            self.atMicros = atMicros
        }
    }

    public init() {}

    public var initialState: WorkspaceState { WorkspaceState() }

    public func decide(_ command: Command, _ state: WorkspaceState) -> Result<[WorkspaceEvent], DomainRejection> {
        var problems = Problems()
        if case .create(let create) = command.request {
            return bootstrap(create, state, &problems)
        }
        guard state.workspaceID != nil else { return .failure(.notFound("a workspace: bootstrap it with CreateWorkspace")) }
        let actor = state.actor(command.memberID, atMicros: command.atMicros)
        if let action = command.request.action, case .failure(let refusal) = PermissionMatrix.standard.check(actor, action) {
            return .failure(refusal)
        }
        let events = decideMembers(command.request, state, &problems) ?? decideClients(command.request, state, &problems) ?? []
        if let rejection = DomainRejection.of(problems.list) { return .failure(rejection) }
        return .success(events)
    }

    private func bootstrap(
        _ create: Callstack_V1_CreateWorkspace, _ state: WorkspaceState, _ problems: inout Problems
    ) -> Result<[WorkspaceEvent], DomainRejection> {
        problems.check(state.workspaceID == nil, .invalidCommand("the workspace exists already"))
        problems.require(create.workspaceID, "workspace_id")
        problems.require(create.name, "name")
        problems.requireID(create.adminMemberID, "admin_member_id")
        problems.require(create.adminDisplayName, "admin_display_name")
        if let rejection = DomainRejection.of(problems.list) { return .failure(rejection) }
        return .success([.created(
            workspaceID: create.workspaceID, name: create.name, admin: create.adminMemberID,
            adminName: create.adminDisplayName, adminEmail: create.adminEmail)])
    }

    private func decideMembers(_ request: Request, _ state: WorkspaceState, _ problems: inout Problems) -> [WorkspaceEvent]? {
        switch request {
        case .invite(let invite):
            problems.requireID(invite.memberID, "member_id")
            problems.check(state.members[invite.memberID] == nil, .invalidCommand("\(invite.memberID) is a member already"))
            problems.require(invite.displayName, "display_name")
            problems.check(invite.email.isEmpty || invite.email.contains("@"), .invalidCommand("email \(invite.email.debugDescription) has no @"))
            guard let role = Role(invite.role) else { return problems.fail(.invalidCommand("role is not a known role")) }
            return [.memberInvited(memberID: invite.memberID, displayName: invite.displayName, email: invite.email, role: role)]
        case .changeRole(let change):
            let role = Role(change.role)
            problems.check(role != nil, .invalidCommand("role is not a known role"))
            guard let member = problems.member(change.memberID, in: state), let role else { return [] }
            guard role != member.role else { return [] }
            problems.check(!isLastAdmin(change.memberID, state), .invalidCommand("\(change.memberID) is the last Team Admin and cannot be demoted"))
            return [.roleChanged(memberID: change.memberID, role: role)]
        case .deactivate(let deactivate):
            guard let member = problems.member(deactivate.memberID, in: state) else { return [] }
            problems.check(member.active, .invalidCommand("\(deactivate.memberID) is deactivated already"))
            problems.check(!isLastAdmin(deactivate.memberID, state), .invalidCommand("\(deactivate.memberID) is the last Team Admin and cannot be deactivated"))
            return [.deactivated(memberID: deactivate.memberID)]
        case .reactivate(let reactivate):
            guard let member = problems.member(reactivate.memberID, in: state) else { return [] }
            problems.check(!member.active, .invalidCommand("\(reactivate.memberID) is active already"))
            return [.reactivated(memberID: reactivate.memberID)]
        case .setLabourRate(let set):
            let rate = (try? Money(set.hourlyRate)).flatMap { $0.minorUnits >= 0 ? $0 : nil }
            problems.check(rate != nil, .invalidCommand("hourly_rate must be a non-negative amount in a three-letter currency"))
            guard let member = problems.member(set.memberID, in: state), let rate else { return [] }
            return member.hourlyRate == rate ? [] : [.labourRateSet(memberID: set.memberID, rate: rate)]
        default:
            return nil
        }
    }

    private func decideClients(_ request: Request, _ state: WorkspaceState, _ problems: inout Problems) -> [WorkspaceEvent]? {
        switch request {
        case .addClient(let add):
            problems.requireID(add.clientID, "client_id")
            problems.require(add.name, "name")
            problems.check(state.clients[add.clientID] == nil, .invalidCommand("client \(add.clientID) exists already"))
            return [.clientAdded(clientID: add.clientID, name: add.name)]
        case .renameClient(let rename):
            problems.require(rename.name, "name")
            guard let client = problems.client(rename.clientID, in: state) else { return [] }
            problems.check(!client.archived, .invalidCommand("client \(rename.clientID) is archived"))
            return client.name == rename.name ? [] : [.clientRenamed(clientID: rename.clientID, name: rename.name)]
        case .archiveClient(let archive):
            guard let client = problems.client(archive.clientID, in: state) else { return [] }
            return client.archived ? [] : [.clientArchived(clientID: archive.clientID)]
        default:
            return nil
        }
    }

    private func isLastAdmin(_ member: String, _ state: WorkspaceState) -> Bool {
        state.activeRole(of: member) == .teamAdmin && state.activeAdmins == 1
    }

    public func evolve(_ state: WorkspaceState, _ event: WorkspaceEvent) -> WorkspaceState {
        var state = state
        switch event {
        case .created(let workspaceID, _, let admin, _, _):
            state.workspaceID = workspaceID
            state.members[admin] = WorkspaceState.Member(role: .teamAdmin)
        case .memberInvited(let memberID, _, _, let role):
            state.members[memberID] = WorkspaceState.Member(role: role)
        case .roleChanged(let memberID, let role):
            state.members[memberID]?.role = role
        case .deactivated(let memberID):
            state.members[memberID]?.active = false
        case .reactivated(let memberID):
            state.members[memberID]?.active = true
        case .labourRateSet(let memberID, let rate):
            state.members[memberID]?.hourlyRate = rate
        case .clientAdded(let clientID, let name):
            state.clients[clientID] = WorkspaceState.Client(name: name)
        case .clientRenamed(let clientID, let name):
            state.clients[clientID]?.name = name
        case .clientArchived(let clientID):
            state.clients[clientID]?.archived = true
        case .other:
            break
        }
        return state
    }
}
