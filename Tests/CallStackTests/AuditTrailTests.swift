import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import PersonalData
import SwiftProtobuf
import Testing

@Suite("The audit trail", .timeLimit(.minutes(1)))
struct AuditTrailTests {
    static let start: Int64 = 1_800_000_000_000_000
    static let minute: Int64 = 60_000_000

    private func handle(_ engine: Engine, _ id: String, by actor: String, minute: Int64, _ command: Callstack_V1_CommandEnvelope.OneOf_Command) async throws {
        var envelope = Callstack_V1_CommandEnvelope()
        envelope.commandID = id
        envelope.actorMemberID = actor
        envelope.atMicros = Self.start + minute * Self.minute
        envelope.command = command
        let outcome = try await engine.handle(envelope)
        guard case .accepted = outcome else { throw DomainRejection.invalidCommand("\(id): \(outcome)") }
    }

    /// Ada (Team Admin) and Bo (Caller); a contact with personal data, enrolled in campaign spring.
    private func populate(_ engine: Engine) async throws {
        var create = Callstack_V1_CreateWorkspace()
        create.workspaceID = "w"
        create.name = "W"
        create.adminMemberID = "ada"
        create.adminDisplayName = "Ada"
        try await handle(engine, "boot", by: "ada", minute: 0, .createWorkspace(create))
        var invite = Callstack_V1_InviteMember()
        invite.memberID = "bo"
        invite.displayName = "Bo"
        invite.role = .caller
        try await handle(engine, "invite", by: "ada", minute: 1, .inviteMember(invite))

        var occurred = Callstack_V1_Occurrence()
        occurred.actorMemberID = "ada"
        occurred.atMicros = Self.start + 2 * Self.minute
        let id = EventID.make()
        let card = ContactCard(
            contactID: "c-1", name: .text("Grace Hopper"), title: .text("Rear Admiral"),
            phones: [.init(number: .text("+447700900123"), region: "GB", timeZone: "Europe/London", type: .mobile, valid: true)],
            emails: [.text("grace@example.com")], company: "Navy", notes: .text("prefers mornings"), customFields: [])
        let created = try engine.keys.sealContact(card, eventID: id, occurred: occurred)
        var enrolled = Callstack_V1_ContactEnrolled()
        occurred.atMicros += Self.minute
        enrolled.occurred = occurred
        enrolled.contactID = "c-1"
        enrolled.campaignID = "spring"
        enrolled.lane = "priority"
        try await engine.log.append(AppendBatch(stream: "contact-c-1", expected: .noStream, events: [
            ProposedEvent(id: id, type: "ContactCreated", actor: "ada", payload: try created.serializedBytes()),
            ProposedEvent(id: .make(), type: "ContactEnrolled", actor: "ada", payload: try enrolled.serializedBytes()),
        ]))
    }

    @Test("a contact's trail holds its whole life, erasure included, and never a personal value")
    func contact() async throws {
        let store = TemporaryStore("audit")
        let engine = try Engine.open(at: store.path, keySource: .seeded(21), durability: .unsafeNoSync)
        try await populate(engine)
        try await handle(engine, "forget", by: "ada", minute: 10, .forgetContact(.with { $0.contactID = "c-1" }))
        let projections = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
        defer { projections.close() }
        let trail = AuditTrail(log: engine.log, projections: projections)

        let entries = try trail.entries(.contact("c-1"), as: "ada")
        #expect(entries.map(\.type) == ["ContactCreated", "ContactEnrolled", "ContactForgotten"])
        #expect(entries.map(\.thing) == ["contact c-1", "contact c-1 in campaign spring", "contact c-1"])
        let created = try #require(entries.first)
        #expect(created.changes.contains(AuditEntry.Change(field: "name", before: nil, after: "(sealed)")))
        #expect(created.changes.contains(AuditEntry.Change(field: "company", before: nil, after: "Navy")), "what is not personal is shown")
        #expect(created.at == BusinessTime(micros: Self.start + 2 * Self.minute))
        #expect(entries.last?.changes == [AuditEntry.Change(field: "forgotten", before: nil, after: "true")])
        let everything = entries.flatMap(\.changes).map { "\($0.field) \($0.before ?? "") \($0.after ?? "")" }.joined()
        for secret in ["Grace", "Hopper", "+447700900123", "grace@example.com", "mornings", "Admiral"] {
            #expect(!everything.contains(secret), "\(secret) leaked into the trail")
        }

        let campaign = try trail.entries(.campaign("spring"))
        #expect(campaign.map(\.type) == ["ContactEnrolled"], "a campaign's trail includes its contacts' enrolments")
        let window = try trail.entries(.contact("c-1"), from: BusinessTime(micros: Self.start + 3 * Self.minute),
            through: BusinessTime(micros: Self.start + 5 * Self.minute))
        #expect(window.map(\.type) == ["ContactEnrolled"])
        #expect(throws: DomainRejection.notAuthorized(actor: "bo", action: "read the audit trail", requires: "Team Admin or Campaign Manager")) {
            try trail.entries(.contact("c-1"), as: "bo")
        }
    }

    @Test("a member's trail is what they did and what was done to them, each field's before and after")
    func member() async throws {
        let store = TemporaryStore("audit")
        let engine = try Engine.open(at: store.path, keySource: .seeded(22), durability: .unsafeNoSync)
        try await populate(engine)
        try await handle(engine, "promote", by: "ada", minute: 5, .changeMemberRole(.with { $0.memberID = "bo"; $0.role = .campaignManager }))
        try await handle(engine, "client", by: "bo", minute: 6, .addClient(.with { $0.clientID = "acme"; $0.name = "Acme" }))
        try await handle(engine, "off", by: "ada", minute: 7, .deactivateMember(.with { $0.memberID = "bo" }))
        let projections = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
        defer { projections.close() }
        let trail = AuditTrail(log: engine.log, projections: projections)
        let entries = try trail.entries(.member("bo"))
        #expect(entries.map(\.type) == ["MemberInvited", "MemberRoleChanged", "ClientAdded", "MemberDeactivated"])
        #expect(entries[1].changes == [AuditEntry.Change(field: "role", before: "ROLE_CALLER", after: "ROLE_CAMPAIGN_MANAGER")])
        #expect(entries[2].actor == "bo" && entries[2].thing == "client acme")
        #expect(entries[3].changes == [AuditEntry.Change(field: "active", before: "true", after: "false")])
        #expect(try trail.entries(.member("bo")) == entries, "the same log gives the same trail")
        #expect(try trail.index.digest() == (try trail.index.digest()))
    }

    @Test("a change to a whole document reports what it removed, and a change to nothing reports nothing")
    func documents() async throws {
        let store = TemporaryStore("audit")
        let engine = try Engine.open(at: store.path, keySource: .seeded(23), durability: .unsafeNoSync)
        try await populate(engine)
        func field(_ key: String) -> Callstack_V1_CustomFieldDefinition {
            .with { $0.key = key; $0.label = key; $0.type = .text }
        }
        try await handle(engine, "s1", by: "ada", minute: 5, .changeWorkspaceSettings(.with { $0.settings.customFields = [field("a"), field("b")] }))
        try await handle(engine, "s2", by: "ada", minute: 6, .changeWorkspaceSettings(.with {
            $0.settings.customFields = [field("b")]
            $0.settings.timeZone = "Europe/Paris"
            $0.updateMask = Google_Protobuf_FieldMask(protoPaths: ["custom_fields", "time_zone"])
        }))
        let projections = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
        defer { projections.close() }
        let entries = try AuditTrail(log: engine.log, projections: projections).entries(.stream("workspace"))
        let last = try #require(entries.last)
        #expect(last.thing == "settings")
        #expect(last.changes == [
            .init(field: "custom_fields[a].key", before: "a", after: nil), .init(field: "custom_fields[a].label", before: "a", after: nil),
            .init(field: "custom_fields[a].type", before: "CUSTOM_FIELD_TYPE_TEXT", after: nil),
            .init(field: "time_zone", before: nil, after: "Europe/Paris"),
        ])
    }
}
