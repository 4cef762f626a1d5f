import CallStackEvents
public import EventSourcing
import SwiftProtobuf

/// The events of the `workspace` stream that its decider makes and folds.
///
/// Personal details travel in plaintext only on their way to the log (the engine seals them under
/// the member's key when it records the event); events read back from the log carry them empty.
public enum WorkspaceEvent: Sendable, Equatable {
    case created(workspaceID: String, name: String, admin: String, adminName: String, adminEmail: String)
    /// `role` is nil for a role this code does not know (a newer writer's): such a member has no
    /// permission here, rather than keeping an old one.
    case memberInvited(memberID: String, displayName: String, email: String, role: Role?)
    case roleChanged(memberID: String, role: Role?)
    case deactivated(memberID: String)
    case reactivated(memberID: String)
    case labourRateSet(memberID: String, rate: Money)
    case clientAdded(clientID: String, name: String)
    case clientRenamed(clientID: String, name: String)
    case clientArchived(clientID: String)
    /// Anything else on the stream (settings, suppression, …): no effect on these decisions.
    case other

    /// The domain view of an event read from the log.
    public init(_ event: DecodedEvent) {
        self = Self.reading(event.message) ?? .other
    }

    private static func reading(_ message: any SwiftProtobuf.Message) -> WorkspaceEvent? {
        switch message {
        case let created as Callstack_V1_WorkspaceCreated:
            let admin = created.adminMemberID.isEmpty ? created.occurred.actorMemberID : created.adminMemberID
            return .created(workspaceID: created.workspaceID, name: created.name, admin: admin, adminName: "", adminEmail: "")
        case let invited as Callstack_V1_MemberInvited:
            return .memberInvited(memberID: invited.memberID, displayName: "", email: "", role: Role(invited.role))
        case let changed as Callstack_V1_MemberRoleChanged:
            return .roleChanged(memberID: changed.memberID, role: Role(changed.role))
        case let deactivated as Callstack_V1_MemberDeactivated:
            return .deactivated(memberID: deactivated.memberID)
        case let removed as Callstack_V1_MemberRemoved:
            return .deactivated(memberID: removed.memberID)
        case let reactivated as Callstack_V1_MemberReactivated:
            return .reactivated(memberID: reactivated.memberID)
        case let rate as Callstack_V1_MemberLabourRateSet:
            return (try? Money(rate.hourlyRate)).map { .labourRateSet(memberID: rate.memberID, rate: $0) }
        case let added as Callstack_V1_ClientAdded:
            return .clientAdded(clientID: added.clientID, name: added.name)
        case let renamed as Callstack_V1_ClientRenamed:
            return .clientRenamed(clientID: renamed.clientID, name: renamed.name)
        case let archived as Callstack_V1_ClientArchived:
            return .clientArchived(clientID: archived.clientID)
        default:
            return nil
        }
    }
}
