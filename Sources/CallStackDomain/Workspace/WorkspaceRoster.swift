import CallStackEvents
public import EventSourcing

/// Who is a member of the workspace, and in which role: a pure fold of the `workspace` stream.
///
/// The member who created the workspace is its first Team Admin. The workspace issue grows this
/// into the full members-and-roles model; authorisation checks read it.
public struct WorkspaceRoster: Sendable, Equatable {
    /// Member id → role, for current members.
    public private(set) var roles: [String: Role] = [:]

    public init() {}

    /// The member's role; nil for someone who is not (or no longer) a member.
    public func role(of member: String) -> Role? { roles[member] }

    /// Folds one event of the `workspace` stream in; other events leave the roster as it is.
    public mutating func apply(_ event: DecodedEvent) {
        switch event.message {
        case let created as Callstack_V1_WorkspaceCreated:
            roles[created.occurred.actorMemberID] = .teamAdmin
        case let invited as Callstack_V1_MemberInvited:
            roles[invited.memberID] = Role(invited.role)
        case let changed as Callstack_V1_MemberRoleChanged where roles[changed.memberID] != nil:
            roles[changed.memberID] = Role(changed.role)
        case let removed as Callstack_V1_MemberRemoved:
            roles[removed.memberID] = nil
        default:
            break
        }
    }

    /// The roster after `events`.
    public static func folding(_ events: some Sequence<DecodedEvent>) -> WorkspaceRoster {
        var roster = WorkspaceRoster()
        for event in events { roster.apply(event) }
        return roster
    }
}
