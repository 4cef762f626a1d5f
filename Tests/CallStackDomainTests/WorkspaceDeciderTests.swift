import CallStackDomain
import CallStackEvents
import EventSourcing
import SwiftProtobuf
import Testing

@Suite("The workspace decider")
struct WorkspaceDeciderTests {
    let decider = WorkspaceDecider()

    private func command(_ request: WorkspaceDecider.Request, by member: String = "admin") -> WorkspaceDecider.Command {
        WorkspaceDecider.Command(request, by: member, atMicros: 1)
    }

    /// A workspace with an admin, a manager, a caller and a viewer, and one client.
    private var history: [WorkspaceEvent] {
        [
            .created(workspaceID: "w", name: "W", admin: "admin", adminName: "", adminEmail: ""),
            .memberInvited(memberID: "manager", displayName: "", email: "", role: .campaignManager),
            .memberInvited(memberID: "caller", displayName: "", email: "", role: .caller),
            .memberInvited(memberID: "viewer", displayName: "", email: "", role: .viewer),
            .clientAdded(clientID: "acme", name: "Acme"),
        ]
    }

    private func decide(_ request: WorkspaceDecider.Request, by member: String = "admin", after extra: [WorkspaceEvent] = []) -> Result<[WorkspaceEvent], DomainRejection> {
        decider.decide(command(request, by: member), after: history + extra)
    }

    @Test("the bootstrap names the first Team Admin, once")
    func bootstrap() {
        var create = Callstack_V1_CreateWorkspace()
        create.workspaceID = "w"
        create.name = "Workspace"
        create.adminMemberID = "ada"
        create.adminDisplayName = "Ada"
        create.adminEmail = "ada@example.com"
        let events = try? decider.decide(command(.create(create), by: "anyone"), after: []).get()
        #expect(events == [.created(workspaceID: "w", name: "Workspace", admin: "ada", adminName: "Ada", adminEmail: "ada@example.com")])
        #expect(decider.fold(events ?? []).activeRole(of: "ada") == .teamAdmin)
        #expect(throws: DomainRejection.invalidCommand("the workspace exists already")) {
            try decider.decide(command(.create(create)), after: events ?? []).get()
        }
        #expect(throws: DomainRejection.several([
            .invalidCommand("workspace_id is required"), .invalidCommand("name is required"),
            .invalidCommand("admin_member_id is required"), .invalidCommand("admin_display_name is required"),
        ]), "every problem is named") {
            try decider.decide(command(.create(Callstack_V1_CreateWorkspace())), after: []).get()
        }
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "m"
        #expect(throws: DomainRejection.notFound("a workspace: bootstrap it with CreateWorkspace")) {
            try decider.decide(command(.invite(invite)), after: []).get()
        }
    }

    @Test("members: invite, change role, deactivate, reactivate, labour rate")
    func members() throws {
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "new"
        invite.displayName = "New Person"
        invite.email = "new@example.com"
        invite.role = .caller
        #expect(try decide(.invite(invite)).get() == [.memberInvited(memberID: "new", displayName: "New Person", email: "new@example.com", role: .caller)])
        var duplicate = invite
        duplicate.memberID = "caller"
        duplicate.email = "no-at-sign"
        #expect(throws: DomainRejection.several([.invalidCommand("caller is a member already"), .invalidCommand(#"email "no-at-sign" has no @"#)])) {
            try decide(.invite(duplicate)).get()
        }
        var promote = Callstack_V1_ChangeMemberRole()
        promote.memberID = "caller"
        promote.role = .campaignManager
        #expect(try decide(.changeRole(promote)).get() == [.roleChanged(memberID: "caller", role: .campaignManager)])
        promote.role = .caller
        #expect(try decide(.changeRole(promote)).get() == [], "the same role changes nothing")
        var deactivate = Callstack_V1_DeactivateMember()
        deactivate.memberID = "caller"
        #expect(try decide(.deactivate(deactivate)).get() == [.deactivated(memberID: "caller")])
        #expect(throws: DomainRejection.invalidCommand("caller is deactivated already")) {
            try decide(.deactivate(deactivate), after: [.deactivated(memberID: "caller")]).get()
        }
        var reactivate = Callstack_V1_ReactivateMember()
        reactivate.memberID = "caller"
        #expect(try decide(.reactivate(reactivate), after: [.deactivated(memberID: "caller")]).get() == [.reactivated(memberID: "caller")])
        #expect(throws: DomainRejection.invalidCommand("caller is active already")) { try decide(.reactivate(reactivate)).get() }
        var rate = Callstack_V1_SetLabourRate()
        rate.memberID = "caller"
        rate.hourlyRate.minorUnits = 1_800
        rate.hourlyRate.currency = "GBP"
        let money = try Money(minorUnits: 1_800, currency: "GBP")
        #expect(try decide(.setLabourRate(rate)).get() == [.labourRateSet(memberID: "caller", rate: money)])
        #expect(try decide(.setLabourRate(rate), after: [.labourRateSet(memberID: "caller", rate: money)]).get() == [])
        rate.hourlyRate.currency = "pounds"
        #expect(throws: DomainRejection.self) { try decide(.setLabourRate(rate)).get() }
        rate.memberID = "ghost"
        #expect(throws: DomainRejection.self) { try decide(.setLabourRate(rate)).get() }
    }

    @Test("ids that cannot name a subject or a stream are refused, and every problem is named")
    func everyProblem() {
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "ops:bo"
        invite.displayName = "Bo"
        invite.role = .caller
        #expect(throws: DomainRejection.invalidCommand("member_id must have at most 200 bytes, without ':' or NUL")) {
            try decide(.invite(invite)).get()
        }
        var rename = Callstack_V1_RenameClient()
        rename.clientID = "nope"
        #expect(throws: DomainRejection.several([.invalidCommand("name is required"), .notFound("client nope")])) {
            try decide(.renameClient(rename)).get()
        }
        var change = Callstack_V1_ChangeMemberRole()
        change.memberID = "ghost"
        #expect(throws: DomainRejection.several([.invalidCommand("role is not a known role"), .notFound("member ghost")])) {
            try decide(.changeRole(change)).get()
        }
        var add = Callstack_V1_AddClient()
        add.clientID = String(repeating: "c", count: 201)
        add.name = "Long"
        #expect(throws: DomainRejection.self) { try decide(.addClient(add)).get() }
    }

    @Test("the last Team Admin can be neither demoted nor deactivated; with two, either can")
    func lastAdmin() throws {
        var demote = Callstack_V1_ChangeMemberRole()
        demote.memberID = "admin"
        demote.role = .viewer
        #expect(throws: DomainRejection.invalidCommand("admin is the last Team Admin and cannot be demoted")) { try decide(.changeRole(demote)).get() }
        var deactivate = Callstack_V1_DeactivateMember()
        deactivate.memberID = "admin"
        #expect(throws: DomainRejection.invalidCommand("admin is the last Team Admin and cannot be deactivated")) {
            try decide(.deactivate(deactivate)).get()
        }
        let second: [WorkspaceEvent] = [.roleChanged(memberID: "manager", role: .teamAdmin)]
        #expect(try decide(.changeRole(demote), after: second).get() == [.roleChanged(memberID: "admin", role: .viewer)])
        #expect(try decide(.deactivate(deactivate), after: second).get() == [.deactivated(memberID: "admin")])
        let secondGone = second + [.deactivated(memberID: "manager")]
        #expect(throws: DomainRejection.self, "a deactivated admin does not count") { try decide(.changeRole(demote), after: secondGone).get() }
    }

    @Test("clients: add, rename, archive; an archived client is not renamed")
    func clients() throws {
        var add = Callstack_V1_AddClient()
        add.clientID = "globex"
        add.name = "Globex"
        #expect(try decide(.addClient(add), by: "manager").get() == [.clientAdded(clientID: "globex", name: "Globex")])
        add.clientID = "acme"
        #expect(throws: DomainRejection.invalidCommand("client acme exists already")) { try decide(.addClient(add)).get() }
        var rename = Callstack_V1_RenameClient()
        rename.clientID = "acme"
        rename.name = "Acme Corp"
        #expect(try decide(.renameClient(rename)).get() == [.clientRenamed(clientID: "acme", name: "Acme Corp")])
        var archive = Callstack_V1_ArchiveClient()
        archive.clientID = "acme"
        #expect(try decide(.archiveClient(archive)).get() == [.clientArchived(clientID: "acme")])
        #expect(try decide(.archiveClient(archive), after: [.clientArchived(clientID: "acme")]).get() == [])
        #expect(throws: DomainRejection.invalidCommand("client acme is archived")) {
            try decide(.renameClient(rename), after: [.clientArchived(clientID: "acme")]).get()
        }
    }

    @Test("permissions come from the matrix and the actor's standing in the workspace")
    func permissions() {
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "x"
        invite.displayName = "X"
        invite.role = .viewer
        for member in ["manager", "caller", "viewer", "stranger"] {
            #expect(throws: DomainRejection.self, "\(member) may not invite") { try decide(.invite(invite), by: member).get() }
        }
        var add = Callstack_V1_AddClient()
        add.clientID = "c"
        add.name = "C"
        #expect((try? decide(.addClient(add), by: "manager").get()) != nil)
        #expect(throws: DomainRejection.self, "a deactivated manager has no role") {
            try decide(.addClient(add), by: "manager", after: [.deactivated(memberID: "manager")]).get()
        }
        #expect(throws: DomainRejection.notAuthorized(actor: "caller", action: "create, rename or archive a client", requires: "Team Admin or Campaign Manager")) {
            try decide(.addClient(add), by: "caller").get()
        }
    }

    @Test("events read back from the log fold like the ones decided: older shapes included")
    func fromTheLog() {
        func read(_ message: any SwiftProtobuf.Message) -> WorkspaceEvent {
            WorkspaceEvent(DecodedEvent(position: 1, stream: "workspace", streamVersion: 1, type: "", recordedAtMicros: 0, actor: "", message: message))
        }
        var created = Callstack_V1_WorkspaceCreated()
        created.workspaceID = "w"
        created.occurred.actorMemberID = "founder"
        #expect(read(created) == .created(workspaceID: "w", name: "", admin: "founder", adminName: "", adminEmail: ""),
            "before admin_member_id existed, the creator was the first admin")
        var removed = Callstack_V1_MemberRemoved()
        removed.memberID = "m"
        #expect(read(removed) == .deactivated(memberID: "m"), "MemberRemoved reads as a deactivation")
        var rate = Callstack_V1_MemberLabourRateSet()
        rate.memberID = "m"
        rate.hourlyRate.currency = "bad"
        #expect(read(rate) == .other, "an invalid stored rate is ignored, not trapped on")
        #expect(read(Callstack_V1_WorkspaceSettingsChanged()) == .other)
        var unknown = Callstack_V1_MemberRoleChanged()
        unknown.memberID = "admin"
        unknown.role = .UNRECOGNIZED(9)
        let state = WorkspaceDecider().fold([
            .created(workspaceID: "w", name: "W", admin: "admin", adminName: "", adminEmail: ""), read(unknown),
        ])
        #expect(state.activeRole(of: "admin") == nil, "a role this code does not know grants nothing, not the old role")
    }
}
