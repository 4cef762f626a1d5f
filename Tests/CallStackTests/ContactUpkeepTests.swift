import CallStack
import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import EventLogTestSupport
import Foundation
import PersonalData
import Projections
import SwiftProtobuf
import Testing

/// Contact upkeep through the engine: edits checked by the import's rules, archive and
/// unarchive, notes, and search; on three contacts imported into the test workspace of
/// ImportFixtureTests (c.2 José Müller, c.3 Ann Lee, c.4 Bob Ray, all in campaign spring).
@Suite("Contact upkeep and search", .timeLimit(.minutes(1)))
struct ContactUpkeepTests {
    typealias Command = Callstack_V1_CommandEnvelope.OneOf_Command
    static let now = ImportFixtureTests.now

    static let people = """
        Name,Mobile,Email,Company,Source,Industry\r
        José Müller,020 7946 0601,jose@example.com,Acme Ltd,referral,saas\r
        Ann Lee,020 7946 0602,ann@example.com,Globex,list,retail\r
        Bob Ray,020 7946 0603,bob@example.com,Acme Ltd,referral,\r

        """

    static func engine(_ store: TemporaryStore, seed: UInt64 = 71) async throws -> Engine {
        let engine = try Engine.open(at: store.path, keySource: .seeded(seed), durability: .unsafeNoSync)
        try await ImportFixtureTests().populate(engine)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("people-\(UUID().uuidString).csv").path
        try Data(people.utf8).write(to: URL(fileURLWithPath: path))
        let result = try await engine.commitImport(file: path, importID: "c", campaign: "spring", as: "ada", at: now)
        guard result.created == 3 else { throw DomainRejection.invalidCommand("setup imported \(result)") }
        return engine
    }

    @discardableResult
    static func handle(_ engine: Engine, _ id: String, by member: String = "ada", _ command: Command) async throws -> CommandOutcome {
        try await engine.handle(command, id: id, by: member, at: now)
    }

    static func edit(_ contactID: String, _ values: [(String, String)]) -> Command {
        .editContact(.with { edit in
            edit.contactID = contactID
            edit.values = values.map { field, value in .with { $0.field = field; $0.value = value } }
        })
    }

    static func rejection(_ outcome: CommandOutcome) -> String? {
        if case .rejected(let rejection) = outcome { rejection.description } else { nil }
    }

    @Test("an edit replaces the fields it names, sealed, and moves the keyed hashes; one that changes nothing records nothing")
    func edit() async throws {
        let store = TemporaryStore("contact-upkeep")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let outcome = try await Self.handle(engine, "e1", Self.edit("c.2", [
            ("name", "José Müller-Smith"), ("phone", "+44 20 7946 0611"), ("phone", "020 7946 0612"), ("custom.industry", "Logistics"),
        ]))
        guard case .accepted(let positions?, false) = outcome else { Issue.record("\(outcome)"); return }
        let events = try engine.log.read(stream: "contact-c.2")
        #expect(events.map(\.type) == ["ContactCreated", "ContactEnrolled", "ContactEdited"])
        let edited = try Callstack_V1_ContactEdited(serializedBytes: events[2].payload)
        #expect(edited.changed == ["name", "phones", "custom_fields"] && positions.lowerBound == events[2].position)
        #expect(Data(events[2].payload).range(of: Data("Müller-Smith".utf8)) == nil, "personal fields are sealed")
        let view = try #require(try engine.contact("c.2", asking: "ada"))
        #expect(view.card.name == .text("José Müller-Smith") && view.card.company == "Acme Ltd" && view.card.emails == [.text("jose@example.com")])
        #expect(view.card.phones.map(\.number) == [.text("+442079460611"), .text("+442079460612")])
        #expect(view.card.customFields.map(\.value) == [.text("logistics")], "a choice takes its defined spelling")
        #expect(try engine.keys.subjects(with: .phone, "+442079460601").isEmpty, "the old number no longer finds the contact")
        #expect(try engine.keys.subjects(with: .phone, "+442079460612").map(\.id) == ["c.2"])
        #expect(try engine.keys.subjects(with: .email, "jose@example.com").map(\.id) == ["c.2"], "the untouched email still does")

        let head = try engine.log.headPosition()
        let same = try await Self.handle(engine, "e2", Self.edit("c.2", [("company", "Acme Ltd")]))
        #expect(same == .accepted(positions: nil, replayed: false), "nothing changed: only a receipt")
        #expect(try engine.log.read(stream: "contact-c.2").map(\.type).suffix(2) == ["ContactEdited", "CommandAcknowledged"])
        #expect(try engine.log.headPosition() == head + 1)
        let retried = try await Self.handle(engine, "e1", Self.edit("c.2", [
            ("name", "José Müller-Smith"), ("phone", "+44 20 7946 0611"), ("phone", "020 7946 0612"), ("custom.industry", "Logistics"),
        ]))
        #expect(retried == .accepted(positions: positions, replayed: true))
    }

    @Test("an edit is checked by the import's rules, names every problem, and records nothing when refused")
    func refusedEdits() async throws {
        let store = TemporaryStore("contact-upkeep")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let head = try engine.log.headPosition()
        let bad = Self.rejection(try await Self.handle(engine, "b1", Self.edit("c.3", [("phone", "=+442079460602"), ("email", "ann@"), ("source", "tv")])))
        #expect(bad?.contains("[phone_formula]") == true && bad?.contains("[email_invalid_domain]") == true && bad?.contains("[source_unknown]") == true)
        let cleared = Self.rejection(try await Self.handle(engine, "b2", Self.edit("c.3", [("phone", "")])))
        #expect(cleared?.contains("[required_missing]") == true, "phone is required in this workspace")
        #expect(Self.rejection(try await Self.handle(engine, "b3", Self.edit("c.3", [("shoe_size", "9")])))?.contains("unknown field shoe_size") == true)
        #expect(Self.rejection(try await Self.handle(engine, "b4", by: "cal", Self.edit("c.3", [("company", "X")])))?.contains("may not edit a contact") == true)
        #expect(Self.rejection(try await Self.handle(engine, "b5", Self.edit("c.99", [("company", "X")]))) == "not found: contact c.99")
        #expect(try engine.log.headPosition() == head)
        guard case .accepted = try await Self.handle(engine, "ok", Self.edit("c.3", [("email", ""), ("company", "")])) else {
            Issue.record("clearing optional fields is refused")
            return
        }
        let view = try #require(try engine.contact("c.3", asking: "ada"))
        #expect(view.card.emails.isEmpty && view.card.company.isEmpty, "fields that are not required can be cleared")
        #expect(try engine.keys.subjects(with: .email, "ann@example.com").isEmpty)
    }

    @Test("archiving takes a contact out of search and duplicate checks; unarchiving brings it back; an archived contact takes no edit")
    func archive() async throws {
        let store = TemporaryStore("contact-upkeep")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        try await Self.handle(engine, "a1", .archiveContact(.with { $0.contactID = "c.4"; $0.reason = "left the company" }))
        #expect(try engine.keys.subjects(with: .phone, "+442079460603").isEmpty)
        var query = ContactQuery()
        query.company = "acme"
        #expect(try engine.searchContacts(query, asking: "ada").contacts.map(\.contactID) == ["c.2"])
        query.includeArchived = true
        #expect(try engine.searchContacts(query, asking: "ada").contacts.map { "\($0.contactID) \($0.archived)" } == ["c.2 false", "c.4 true"])
        #expect(Self.rejection(try await Self.handle(engine, "a2", Self.edit("c.4", [("company", "X")])))?.contains("unarchive it first") == true)
        #expect(try await Self.handle(engine, "a3", .archiveContact(.with { $0.contactID = "c.4" })) == .accepted(positions: nil, replayed: false))
        try await Self.handle(engine, "a4", .unarchiveContact(.with { $0.contactID = "c.4" }))
        #expect(try engine.keys.subjects(with: .phone, "+442079460603").map(\.id) == ["c.4"])
        #expect(try engine.keys.subjects(with: .email, "bob@example.com").map(\.id) == ["c.4"])
        query.includeArchived = false
        #expect(try engine.searchContacts(query, asking: "ada").contacts.map(\.contactID) == ["c.2", "c.4"])
        #expect(try engine.log.read(stream: "contact-c.4").map(\.type) == ["ContactCreated", "ContactEnrolled", "ContactArchived", "CommandAcknowledged", "ContactUnarchived"])
    }

    @Test("notes are sealed; a Caller adds them only to contacts of campaigns they are assigned to; forgetting erases them")
    func notes() async throws {
        let store = TemporaryStore("contact-upkeep")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let note: Command = .addContactNote(.with { $0.contactID = "c.2"; $0.text = "Prefers mornings"; $0.campaignID = "spring" })
        #expect(Self.rejection(try await Self.handle(engine, "n1", by: "cal", note))?.contains("not assigned") == true)
        #expect(throws: DomainRejection.self, "nor may they read it") { try engine.contact("c.2", asking: "cal") }
        try await Self.handle(engine, "assign", .editCampaignBrief(.with {
            $0.campaignID = "spring"; $0.brief.identity.assignedCallerIds = ["cal"]; $0.updateMask = .init(protoPaths: ["identity.assigned_caller_ids"])
        }))
        guard case .accepted = try await Self.handle(engine, "n2", by: "cal", note) else { Issue.record("the assigned caller adds a note"); return }
        #expect(Self.rejection(try await Self.handle(engine, "n3", .addContactNote(.with { $0.contactID = "c.2"; $0.text = "  " })))?.contains("empty") == true)
        #expect(Self.rejection(try await Self.handle(engine, "n4", .addContactNote(.with { $0.contactID = "c.2"; $0.text = "x"; $0.campaignID = "autumn" })))?
            .contains("not enrolled") == true)
        let stored = try #require(try engine.log.read(stream: "contact-c.2").last)
        #expect(stored.type == "ContactNoteAdded" && Data(stored.payload).range(of: Data("mornings".utf8)) == nil)
        let view = try #require(try engine.contact("c.2", asking: "cal"))
        #expect(view.notes.map { "\($0.author) \($0.campaignID) \($0.text)" } == ["cal spring Prefers mornings"])
        try await engine.forgetContact("c.2", by: "ada", at: Date(timeIntervalSince1970: 1_800_000_000))
        let forgotten = try #require(try engine.contact("c.2", asking: "ada"))
        #expect(forgotten.forgotten && forgotten.notes.map(\.text) == [.erased] && forgotten.card.name == .erased)
        #expect(Self.rejection(try await Self.handle(engine, "n5", note))?.contains("forgotten") == true)
    }
}

extension ContactUpkeepTests {
    @Test("search by name without case or accents, phone and email through the keyed hashes, company, source, status and campaign, in pages")
    func search() async throws {
        let store = TemporaryStore("contact-search")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        func ids(_ change: (inout ContactQuery) -> Void, as member: String = "ada") throws -> [String] {
            var query = ContactQuery()
            change(&query)
            return try engine.searchContacts(query, asking: member).contacts.map(\.contactID)
        }
        #expect(try ids { $0.name = "MULLER" } == ["c.2"])
        #expect(try ids { $0.phone = "020 7946 0602" } == ["c.3"])
        #expect(try ids { $0.phone = "+442079460602"; $0.email = "BOB@example.com" } == [], "both must hold")
        #expect(try ids { $0.email = "BOB@example.com" } == ["c.4"])
        #expect(try ids { $0.source = "referral" } == ["c.2", "c.4"])
        #expect(try ids { $0.status = "new"; $0.campaign = "spring" } == ["c.2", "c.3", "c.4"])
        #expect(try ids { $0.status = "callback" } == [])
        #expect(throws: DomainRejection.self) { try ids { $0.phone = "call me" } }
        var query = ContactQuery()
        query.limit = 2
        let first = try engine.searchContacts(query, asking: "ada")
        #expect(first.contacts.map(\.contactID) == ["c.2", "c.3"] && first.total == 3 && first.next == "c.3")
        #expect(first.contacts[0].name == .text("José Müller") && first.contacts[0].phones == [.text("+442079460601")])
        query.after = first.next
        let second = try engine.searchContacts(query, asking: "ada")
        #expect(second.contacts.map(\.contactID) == ["c.4"] && second.next == nil)
        #expect(try ids({ _ in }, as: "cal") == [], "a Caller not assigned to spring sees none of its contacts")
        #expect(throws: DomainRejection.self) { try ids({ _ in }, as: "zed") }
        try await Self.handle(engine, "e", Self.edit("c.3", [("name", "Ann Zürich")]))
        #expect(try ids { $0.name = "zurich" } == ["c.3"], "an edited name is found at once")
        try await engine.forgetContact("c.3", by: "ada", at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try ids { $0.includeArchived = true } == ["c.2", "c.4"], "a forgotten contact is never found")
    }

    /// The test engine with the duplicate policy UPDATE and a second campaign, autumn.
    static func updating(_ store: TemporaryStore) async throws -> Engine {
        let engine = try await Self.engine(store)
        _ = try await engine.handle(.changeWorkspaceSettings(.with {
            $0.settings.importDefaults.duplicatePolicy = .update
            $0.updateMask = .init(protoPaths: ["import_defaults.duplicate_policy"])
        }), id: "policy", by: "ada", at: Self.now)
        try await Self.handle(engine, "autumn", .createCampaign(.with { $0.campaignID = "autumn"; $0.clientID = "acme"; $0.name = "Autumn" }))
        return engine
    }

    @Test("with the UPDATE policy a workspace duplicate takes the row's values and is enrolled; undo puts its fields back")
    func updatePolicy() async throws {
        let store = TemporaryStore("contact-update")
        let engine = try await Self.updating(store)
        defer { engine.close() }
        let text = "Name,Mobile,Email,Company\r\nJosé Müller,020 7946 0601,jose.m@example.com,Initrode\r\nNew Person,020 7946 0690,,\r\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("update-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let result = try await engine.commitImport(file: path, importID: "u", campaign: "autumn", as: "ada", at: Self.now)
        #expect(result.updatedExisting == 1 && result.created == 1)
        let updated = try #require(try engine.contact("c.2", asking: "ada"))
        #expect(updated.card.company == "Initrode" && updated.card.emails == [.text("jose@example.com"), .text("jose.m@example.com")])
        #expect(updated.enrolments.map(\.campaignID) == ["autumn", "spring"])
        #expect(try engine.keys.subjects(with: .email, "jose.m@example.com").map(\.id) == ["c.2"], "the added email finds it")
        #expect(try engine.queries(as: "ada").importHistory("u")?.rows.first?.action == "updated_existing")
        #expect(try engine.queries(as: "ada").importHistory("u") == engine.queries(as: "ada").importHistory()["u"], "one stream folds as the whole log does")
        try await Self.handle(engine, "noop", Self.edit("c.2", [("company", "Initrode")]))
        #expect(try engine.log.read(stream: "contact-c.2").last?.type == "CommandAcknowledged", "an edit that changes nothing leaves a receipt")
        let undone = try await engine.undoImport("u", as: "ada", at: Self.now)
        #expect(undone.restored == 1 && undone.archived == 1 && undone.unenrolled == 2 && undone.notUndone.isEmpty)
        let restored = try #require(try engine.contact("c.2", asking: "ada"))
        #expect(restored.card.company == "Acme Ltd" && restored.card.emails == [.text("jose@example.com")] && restored.enrolments.map(\.campaignID) == ["spring"])
        #expect(try engine.keys.subjects(with: .email, "jose.m@example.com").isEmpty, "the added email no longer finds it")
        #expect(try engine.keys.subjects(with: .email, "jose@example.com").map(\.id) == ["c.2"])
    }

    @Test("with UPDATE, a duplicate with nothing to change and already enrolled is skipped; one only missing the enrolment is enrolled")
    func updateWithNothingToChange() async throws {
        let store = TemporaryStore("contact-update")
        let engine = try await Self.updating(store)
        defer { engine.close() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("same-\(UUID().uuidString).csv").path
        try Data("Name,Mobile\r\nAnn Lee,020 7946 0602\r\n".utf8).write(to: URL(fileURLWithPath: path))
        let same = try await engine.commitImport(file: path, importID: "same", campaign: "spring", as: "ada", at: Self.now)
        #expect(same.skippedDuplicates == 1 && same.updatedExisting == 0 && same.enrolledExisting == 0)
        let enrolling = try await engine.commitImport(file: path, importID: "enrol", campaign: "autumn", as: "ada", at: Self.now)
        #expect(enrolling.enrolledExisting == 1 && enrolling.updatedExisting == 0)
        #expect(try engine.log.read(stream: "contact-c.3").map(\.type) == ["ContactCreated", "ContactEnrolled", "ContactEnrolled"])
    }

    @Test("a contact without a key in this store (restored without keys) takes no edit or note, and gets no new key")
    func noKey() async throws {
        let store = TemporaryStore("contact-upkeep")
        let engine = try await Self.engine(store)
        defer { engine.close() }
        let subject = try DataSubject(.contact, "c.4")
        try engine.keys.forget(subject)
        #expect(Self.rejection(try await Self.handle(engine, "k1", Self.edit("c.4", [("company", "X")])))?.contains("has no key") == true)
        #expect(Self.rejection(try await Self.handle(engine, "k2", .addContactNote(.with { $0.contactID = "c.4"; $0.text = "hi" })))?.contains("has no key") == true)
        #expect(try !engine.keys.hasKey(for: subject))
    }
}
