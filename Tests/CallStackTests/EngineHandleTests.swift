import CallStack
import CallStackDomain
import CallStackEvents
import CallStackDomain
import EventLog
import EventLogTestSupport
import Foundation
import PersonalData
import SwiftProtobuf
import Testing

@Suite("Engine.handle", .timeLimit(.minutes(1)))
struct EngineHandleTests {
    private func envelope(
        _ id: String, by actor: String, _ command: Callstack_V1_CommandEnvelope.OneOf_Command
    ) -> Callstack_V1_CommandEnvelope {
        var envelope = Callstack_V1_CommandEnvelope()
        envelope.commandID = id
        envelope.actorMemberID = actor
        envelope.atMicros = 1_800_000_000_000_000
        envelope.command = command
        return envelope
    }

    private func bootstrap(_ engine: Engine) async throws {
        var create = Callstack_V1_CreateWorkspace()
        create.workspaceID = "w"
        create.name = "W"
        create.adminMemberID = "ada"
        create.adminDisplayName = "Ada Lovelace"
        create.adminEmail = "ada@example.com"
        #expect(try await engine.handle(envelope("c-1", by: "ada", .createWorkspace(create))) == .accepted(positions: 1...1, replayed: false))
    }

    @Test("commands are decided and recorded; members' names are sealed; a command id is handled once")
    func handled() async throws {
        let store = TemporaryStore("engine")
        let engine = try Engine.open(at: store.path, keySource: .seeded(3), durability: .unsafeNoSync)
        try await bootstrap(engine)
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "bo"
        invite.displayName = "Bo Diddley"
        invite.email = "bo@example.com"
        invite.role = .caller
        let command = envelope("c-2", by: "ada", .inviteMember(invite))
        #expect(try await engine.handle(command) == .accepted(positions: 2...2, replayed: false))
        #expect(try await engine.handle(command) == .accepted(positions: 2...2, replayed: true), "the same command id again")
        var later = command
        later.atMicros += 60_000_000
        #expect(try await engine.handle(later) == .accepted(positions: 2...2, replayed: true), "a retry at another time")
        var other = invite
        other.memberID = "carol"
        #expect(try await engine.handle(envelope("c-2", by: "ada", .inviteMember(other)))
            == .rejected(.invalidCommand("command id c-2 was used for another command")), "a reused id is not a replay")
        #expect(try await engine.handle(envelope("c-2", by: "bo", .inviteMember(invite)))
            == .rejected(.invalidCommand("command id c-2 was used for another command")), "nor by another actor")
        #expect(try engine.log.headPosition() == 2)
        #expect(try engine.workspace().activeRole(of: "bo") == .caller)

        let record = try #require(try engine.log.read(from: 2, limit: 1).first)
        #expect(Data(record.payload).range(of: Data("Bo Diddley".utf8)) == nil, "the name is sealed in the log")
        let invited = try Callstack_V1_MemberInvited(serializedBytes: record.payload)
        #expect(try engine.keys.open(invited.displayName, of: DataSubject(.member, "bo"), field: .memberDisplayName) == .text("Bo Diddley"))
        #expect(record.actor == "ada")
    }

    @Test("a command that changes nothing leaves a receipt, so a re-run does not re-decide it later")
    func receipts() async throws {
        let store = TemporaryStore("engine")
        let engine = try Engine.open(at: store.path, keySource: .seeded(6), durability: .unsafeNoSync)
        try await bootstrap(engine)
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "bo"
        invite.displayName = "Bo"
        invite.role = .caller
        _ = try await engine.handle(envelope("c-2", by: "ada", .inviteMember(invite)))
        var same = Callstack_V1_ChangeMemberRole()
        same.memberID = "bo"
        same.role = .caller
        let noOp = envelope("c-3", by: "ada", .changeMemberRole(same))
        #expect(try await engine.handle(noOp) == .accepted(positions: nil, replayed: false))
        #expect(try engine.log.read(from: 3, limit: 1).first?.type == "CommandAcknowledged")
        var viewer = same
        viewer.role = .viewer
        #expect(try await engine.handle(envelope("c-4", by: "ada", .changeMemberRole(viewer))) == .accepted(positions: 4...4, replayed: false))
        #expect(try await engine.handle(noOp) == .accepted(positions: nil, replayed: true), "recognised, not decided again")
        #expect(try engine.workspace().activeRole(of: "bo") == .viewer)
    }

    @Test("a refused command records nothing and says why")
    func refused() async throws {
        let store = TemporaryStore("engine")
        let engine = try Engine.open(at: store.path, keySource: .seeded(4), durability: .unsafeNoSync)
        var add = Callstack_V1_AddClient()
        add.clientID = "acme"
        add.name = "Acme"
        #expect(try await engine.handle(envelope("c-0", by: "ada", .addClient(add)))
            == .rejected(.notFound("a workspace: bootstrap it with CreateWorkspace")))
        try await bootstrap(engine)
        #expect(try await engine.handle(envelope("c-3", by: "stranger", .addClient(add)))
            == .rejected(.notAuthorized(actor: "stranger", action: "create, rename or archive a client", requires: "Team Admin or Campaign Manager")))
        var empty = Callstack_V1_CommandEnvelope()
        empty.commandID = "c-4"
        empty.actorMemberID = "ada"
        #expect(try await engine.handle(empty) == .rejected(.invalidCommand("the envelope holds no command")))
        #expect(try await engine.handle(envelope("", by: "ada", .addClient(add))) != .accepted(positions: nil, replayed: false))
        #expect(try engine.log.headPosition() == 1, "only the bootstrap was recorded")
        #expect(try await engine.handle(envelope("c-5", by: "ada", .addClient(add))) == .accepted(positions: 2...2, replayed: false))
    }

    @Test("suppression entries go to the global list or a client's list, and the query finds them")
    func suppression() async throws {
        let store = TemporaryStore("engine")
        let engine = try Engine.open(at: store.path, keySource: .seeded(5), durability: .unsafeNoSync)
        try await bootstrap(engine)
        var client = Callstack_V1_AddClient()
        client.clientID = "acme"
        client.name = "Acme"
        _ = try await engine.handle(envelope("c-2", by: "ada", .addClient(client)))
        var global = Callstack_V1_AddSuppressionEntry()
        global.entryID = "g-1"
        global.kind = .phone
        global.value = "+44 7700 900123"
        global.reason = "asked"
        var perClient = global
        perClient.clientID = "acme"
        perClient.entryID = "a-1"
        perClient.kind = .emailDomain
        perClient.value = "globex.com"
        #expect(try await engine.handle(envelope("c-3", by: "ada", .addSuppressionEntry(global))) == .accepted(positions: 3...3, replayed: false))
        #expect(try await engine.handle(envelope("c-4", by: "ada", .addSuppressionEntry(perClient))) == .accepted(positions: 4...4, replayed: false))
        #expect(try engine.log.read(stream: "client-acme").count == 1)
        let at = BusinessTime(micros: 1_800_000_000_000_000)
        #expect(try engine.suppression(phone: E164Phone("+447700900123"), email: nil, client: nil, at: at)?.id == "g-1")
        #expect(try engine.suppression(phone: nil, email: "x@globex.com", client: "acme", at: at)?.id == "a-1")
        #expect(try engine.suppression(phone: nil, email: "x@globex.com", client: nil, at: at) == nil, "not on the global list")
        perClient.clientID = "nobody"
        #expect(try await engine.handle(envelope("c-5", by: "ada", .addSuppressionEntry(perClient))) == .rejected(.notFound("an open client nobody")))
    }

    @Test("queries are checked against the matrix with the member's role as the workspace knows it")
    func queries() async throws {
        let store = TemporaryStore("engine")
        let engine = try Engine.open(at: store.path, keySource: .seeded(7), durability: .unsafeNoSync)
        try await bootstrap(engine)
        for (id, role) in [("bo", Callstack_V1_Role.caller), ("vi", .viewer), ("mo", .campaignManager)] {
            var invite = Callstack_V1_InviteMember()
            invite.memberID = id
            invite.displayName = id
            invite.role = role
            _ = try await engine.handle(envelope("invite-\(id)", by: "ada", .inviteMember(invite)))
        }
        var entry = Callstack_V1_AddSuppressionEntry()
        entry.entryID = "g-1"
        entry.kind = .email
        entry.value = "no@example.com"
        entry.reason = "asked"
        _ = try await engine.handle(envelope("dnc", by: "ada", .addSuppressionEntry(entry)))
        #expect(try engine.queries(as: "mo").suppressionEntries().map(\.id) == ["g-1"])
        #expect(throws: DomainRejection.notAuthorized(actor: "bo", action: "read suppression lists", requires: "Team Admin or Campaign Manager")) {
            try engine.queries(as: "bo").suppressionEntries()
        }
        let at = BusinessTime(micros: 1_800_000_000_000_000)
        #expect(try engine.queries(as: "bo").suppression(phone: nil, email: "no@example.com", client: nil, at: at)?.id == "g-1",
            "a caller sees a contact's suppression state")
        #expect(try engine.queries(as: "vi").workspace().members.count == 4)
        #expect(throws: DomainRejection.self, "a stranger may read nothing") { try engine.queries(as: "eve").workspace() }
    }

    @Test("derived event ids are stable, distinct per command and index, and UUID version 8")
    func derivedIDs() {
        let a = CommandEventID.make(command: "c-1", index: 0)
        #expect(a == CommandEventID.make(command: "c-1", index: 0))
        #expect(a != CommandEventID.make(command: "c-1", index: 1))
        #expect(a != CommandEventID.make(command: "c-2", index: 0))
        #expect(a.description.dropFirst(14).first == "8", "version 8: \(a)")
    }
}
