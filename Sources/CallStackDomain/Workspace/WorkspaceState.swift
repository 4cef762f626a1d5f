/// The workspace as its decider sees it: members with their roles, activity and labour rates, and
/// clients. Personal details (names, emails) are not needed to decide and are not kept.
public struct WorkspaceState: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        /// Nil for a role this code does not know: no permission at all.
        public var role: Role?
        public var active = true
        public var hourlyRate: Money?
    }

    public struct Client: Sendable, Equatable {
        public var name: String
        public var archived = false
    }

    /// Nil until `CreateWorkspace`.
    public var workspaceID: String?
    public var members: [String: Member] = [:]
    public var clients: [String: Client] = [:]

    public init() {}

    /// The role of an active member; nil for a deactivated member or a stranger.
    public func activeRole(of member: String) -> Role? {
        guard let found = members[member], found.active else { return nil }
        return found.role
    }

    /// `member` as a command's actor at `atMicros`, with the role the workspace gives them now.
    public func actor(_ member: String, atMicros: Int64) -> CommandActor {
        CommandActor(memberID: member, role: activeRole(of: member), atMicros: atMicros)
    }

    /// True for a client the workspace has and has not archived.
    public func isOpenClient(_ clientID: String) -> Bool {
        clients[clientID].map { !$0.archived } ?? false
    }

    /// Active Team Admins.
    public var activeAdmins: Int { members.values.count { $0.active && $0.role == .teamAdmin } }
}
