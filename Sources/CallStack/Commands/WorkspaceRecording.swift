import CallStackDomain
import CallStackEvents
import EventLog
import PersonalData
import SwiftProtobuf

/// Turns the workspace decider's events into the messages the log records, sealing members'
/// names and emails under each member's key on the way: the one place that knows which workspace
/// fields are personal.
struct WorkspaceRecording {
    let keys: SubjectKeyStore
    let occurred: Callstack_V1_Occurrence

    func proposed(_ event: WorkspaceEvent, id: EventID, actor: String) throws -> ProposedEvent? {
        guard let (type, message) = try message(for: event, id: id) else { return nil }
        return ProposedEvent(id: id, type: type, actor: actor, payload: try message.serializedBytes())
    }

    private func message(for event: WorkspaceEvent, id: EventID) throws -> (String, any SwiftProtobuf.Message)? {
        switch event {
        case .created(let workspaceID, let name, let admin, let adminName, let adminEmail):
            var created = Callstack_V1_WorkspaceCreated()
            created.occurred = occurred
            created.workspaceID = workspaceID
            created.name = name
            created.adminMemberID = admin
            created.adminDisplayName = try seal(adminName, admin, .memberDisplayName, id)
            created.adminEmail = try seal(adminEmail, admin, .memberEmail, id)
            return ("WorkspaceCreated", created)
        case .memberInvited(let memberID, let displayName, let email, let role):
            var invited = Callstack_V1_MemberInvited()
            invited.occurred = occurred
            invited.memberID = memberID
            invited.displayName = try seal(displayName, memberID, .memberDisplayName, id)
            invited.email = try seal(email, memberID, .memberEmail, id)
            invited.role = role?.message ?? .unspecified
            return ("MemberInvited", invited)
        case .roleChanged(let memberID, let role):
            var changed = Callstack_V1_MemberRoleChanged()
            changed.occurred = occurred
            changed.memberID = memberID
            changed.role = role?.message ?? .unspecified
            return ("MemberRoleChanged", changed)
        case .deactivated(let memberID):
            var deactivated = Callstack_V1_MemberDeactivated()
            deactivated.occurred = occurred
            deactivated.memberID = memberID
            return ("MemberDeactivated", deactivated)
        case .reactivated(let memberID):
            var reactivated = Callstack_V1_MemberReactivated()
            reactivated.occurred = occurred
            reactivated.memberID = memberID
            return ("MemberReactivated", reactivated)
        case .labourRateSet(let memberID, let rate):
            var set = Callstack_V1_MemberLabourRateSet()
            set.occurred = occurred
            set.memberID = memberID
            set.hourlyRate = rate.message
            return ("MemberLabourRateSet", set)
        case .clientAdded(let clientID, let name):
            var added = Callstack_V1_ClientAdded()
            added.occurred = occurred
            added.clientID = clientID
            added.name = name
            return ("ClientAdded", added)
        case .clientRenamed(let clientID, let name):
            var renamed = Callstack_V1_ClientRenamed()
            renamed.occurred = occurred
            renamed.clientID = clientID
            renamed.name = name
            return ("ClientRenamed", renamed)
        case .clientArchived(let clientID):
            var archived = Callstack_V1_ClientArchived()
            archived.occurred = occurred
            archived.clientID = clientID
            return ("ClientArchived", archived)
        case .other:
            return nil
        }
    }

    private func seal(_ text: String, _ member: String, _ field: PersonalField, _ id: EventID) throws -> Callstack_V1_SealedValue {
        guard !text.isEmpty else { return Callstack_V1_SealedValue() }
        return try keys.seal(text, for: try DataSubject(.member, member), field: field, eventID: id)
    }
}
