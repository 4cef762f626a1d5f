import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
@testable import PersonalData
import Projections
import SwiftProtobuf
import Testing

/// Synthetic data subjects in a real store: after a forget, no byte of the store or of a backup
/// taken afterwards may hold the subject's plaintext, key or keyed hashes.
@Suite("Erasure", .timeLimit(.minutes(1)))
struct ErasureTests {
    struct Person {
        let id: String
        let name: String
        let phone: String
        let email: String
        let title: String
        let notes: String
        let birthday: String
    }

    static let people = (1...3).map { index in
        Person(
            id: "c-\(index)", name: "Erin Example-\(index)", phone: "+4477009000\(index)\(index)",
            email: "erin.\(index)@example.org", title: "Head of Purchasing \(index)",
            notes: "Prefers calls after lunch \(index)", birthday: "1980-02-0\(index)")
    }
    let time = Date(timeIntervalSince1970: 1_800_000_000)

    private func event(_ type: String, _ message: some SwiftProtobuf.Message, id: EventID = .make()) throws -> ProposedEvent {
        ProposedEvent(id: id, type: type, actor: "test", payload: try message.serializedBytes())
    }

    private func occurrence(_ actor: String) -> Callstack_V1_Occurrence {
        var occurrence = Callstack_V1_Occurrence()
        occurrence.actorMemberID = actor
        occurrence.atMicros = 1_800_000_000_000_000
        return occurrence
    }

    /// A workspace with an admin and a caller, and the three people as contacts.
    private func populate(_ engine: Engine) async throws {
        var created = Callstack_V1_WorkspaceCreated()
        created.occurred = occurrence("admin")
        created.workspaceID = "w-1"
        var caller = Callstack_V1_MemberInvited()
        caller.occurred = occurrence("admin")
        caller.memberID = "caller-1"
        caller.role = .caller
        try await engine.log.append(AppendBatch(
            stream: "workspace", expected: .noStream,
            events: [try event("WorkspaceCreated", created), try event("MemberInvited", caller)]))
        for person in Self.people {
            let id = EventID.make()
            let card = ContactCard(
                contactID: person.id, name: .text(person.name), title: .text(person.title),
                phones: [.init(number: .text(person.phone), region: "GB", timeZone: "Europe/London", type: .mobile, valid: true)],
                emails: [.text(person.email)], company: "Example Ltd", notes: .text(person.notes),
                customFields: [
                    .init(key: "birthday", personal: true, value: .text(person.birthday)),
                    .init(key: "segment", personal: false, value: .text("enterprise")),
                ])
            let sealed = try engine.keys.sealContact(card, eventID: id, occurred: occurrence("admin"))
            let subject = try DataSubject(.contact, person.id)
            try engine.keys.remember(.phone, person.phone, for: subject)
            try engine.keys.remember(.email, person.email, for: subject)
            try await engine.log.append(AppendBatch(
                stream: Engine.contactStream(person.id), expected: .noStream,
                events: [try event("ContactCreated", sealed, id: id)]))
        }
    }

    /// Every byte pattern that must vanish with `person`.
    private func traces(of person: Person, in keys: SubjectKeyStore) throws -> [(String, [UInt8])] {
        let subject = try DataSubject(.contact, person.id)
        let key = try #require(try keys.keyMaterial(for: subject))
        return [
            ("name", Array(person.name.utf8)), ("phone", Array(person.phone.utf8)),
            ("email", Array(person.email.utf8)), ("title", Array(person.title.utf8)),
            ("notes", Array(person.notes.utf8)), ("birthday", Array(person.birthday.utf8)),
            ("sealing key", Array(key[0..<32])), ("nonce key", Array(key[32..<64])),
            ("phone hash", keys.keyedHash(.phone, person.phone)), ("email hash", keys.keyedHash(.email, person.email)),
        ]
    }

    @Test("after forget, neither the store nor a later backup holds the subject's plaintext, key or keyed hashes")
    func forgetLeavesNoTrace() async throws {
        let store = TemporaryStore("erasure")
        let engine = try Engine.open(at: store.path, keySource: .seeded(11), durability: .unsafeNoSync)
        try await populate(engine)
        let forgotten = Self.people[0], kept = Self.people[1]
        let forgottenTraces = try traces(of: forgotten, in: engine.keys)
        let keptTraces = try traces(of: kept, in: engine.keys)

        // A read model of sealed values, snapshotted beside the log: its snapshot is scanned too.
        let snapshots = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
        let directory = ProjectionRunner(ContactDirectoryProjector(), log: engine.log, snapshots: snapshots)
        try directory.start()
        let digestBefore = directory.current.digest

        let result = try await engine.forgetContact(forgotten.id, by: "admin", at: time)
        try directory.catchUp()
        try directory.saveSnapshot()
        snapshots.close()
        let name = directory.query { $0[forgotten.id]?.name } ?? []
        #expect(try engine.keys.open(ContactDirectoryProjector.sealed(name), of: DataSubject(.contact, forgotten.id), field: .contactName)
            == .erased, "the read model's sealed name opens as erased at query time")
        let withoutEvent = ContactDirectoryProjector().digest(of: directory.query { state in
            var state = state
            state[forgotten.id]?.forgotten = false
            return state
        })
        #expect(withoutEvent == digestBefore, "deleting the key changed nothing in the read model: only the event did")
        #expect(result.report.keyDeleted)
        #expect(result.report.lookupsDeleted == 2)
        #expect(result.position != nil)
        let backup = store.sibling("backup")
        try engine.backup(to: backup)

        #expect(FileManager.default.fileExists(atPath: SnapshotStore.folder(forStore: store.path) + "/data.mdb"))
        for folder in [store.path, backup] {
            for (what, bytes) in forgottenTraces {
                #expect(try FileBytes.files(under: folder, containing: bytes) == [], "\(what) of the forgotten contact")
            }
            // The scan can see: the kept contact's key and hashes are in the key store, once.
            for (what, bytes) in keptTraces where what.hasSuffix("key") || what.hasSuffix("hash") {
                #expect(try FileBytes.files(under: folder, containing: bytes) == [folder + "/keys/data.mdb"], "\(what)")
                // (the projections folder is a cache and is not part of a backup)
            }
            // No plaintext of anyone is anywhere: the log holds sealed values only.
            for (what, bytes) in keptTraces where !(what.hasSuffix("key") || what.hasSuffix("hash")) {
                #expect(try FileBytes.files(under: folder, containing: bytes) == [], "\(what) of the kept contact")
            }
        }
        #expect(try engine.log.verify().events == 6, "the log and its chain stay valid (verify throws otherwise)")
    }

    @Test("after forget the contact reads as erased, others open, and the log records the erasure without personal data")
    func erasedReads() async throws {
        let store = TemporaryStore("erasure")
        let engine = try Engine.open(at: store.path, keySource: .seeded(12), durability: .unsafeNoSync)
        try await populate(engine)
        try await engine.forgetContact("c-1", by: "admin", at: time)
        var cards: [String: ContactCard] = [:]
        var forgottenEvents: [Callstack_V1_ContactForgotten] = []
        for record in try engine.log.read(from: 1, limit: 100) {
            let message = try EventRegistry.callstack.decodeCurrent(record.type, version: record.schemaVersion, payload: record.payload)
            if let created = message as? Callstack_V1_ContactCreated { cards[created.contactID] = try engine.keys.openContact(created) }
            if let erased = message as? Callstack_V1_ContactForgotten { forgottenEvents.append(erased) }
        }
        let erased = try #require(cards["c-1"])
        #expect(erased.name == .erased && erased.title == .erased && erased.emails == [.erased])
        #expect(erased.phones.first?.number == .erased)
        #expect(erased.phones.first?.region == "GB", "derived phone attributes stay readable")
        #expect(erased.company == "Example Ltd")
        #expect(erased.notes == .erased)
        #expect(erased.customFields == [
            .init(key: "birthday", personal: true, value: .erased),
            .init(key: "segment", personal: false, value: .text("enterprise")),
        ], "a custom field marked personal is erased, another stays")
        #expect(cards["c-2"]?.notes == .text(Self.people[1].notes))
        #expect(cards["c-2"]?.customFields.first?.value == .text(Self.people[1].birthday))
        #expect(cards["c-2"]?.name == .text(Self.people[1].name))
        #expect(cards["c-2"]?.phones.first?.number == .text(Self.people[1].phone))
        #expect(forgottenEvents.map(\.contactID) == ["c-1"])
        #expect(forgottenEvents.first?.occurred.actorMemberID == "admin")
        let again = try await engine.forgetContact("c-1", by: "admin", at: time)
        #expect(again.position == nil && again.report.keyDeleted == false, "a second forget records nothing")
    }

    @Test("only a Team Admin may forget, an unknown contact is refused, and a refusal deletes nothing")
    func authorization() async throws {
        let store = TemporaryStore("erasure")
        let engine = try Engine.open(at: store.path, keySource: .seeded(13), durability: .unsafeNoSync)
        try await populate(engine)
        let head = try engine.log.headPosition()
        await #expect(throws: DomainRejection.notAuthorized(actor: "caller-1", action: "forget a contact", requires: "Team Admin")) {
            try await engine.forgetContact("c-1", by: "caller-1", at: time)
        }
        await #expect(throws: DomainRejection.self) { try await engine.forgetContact("c-1", by: "stranger", at: time) }
        var second = Callstack_V1_MemberInvited()
        second.memberID = "admin-2"
        second.role = .teamAdmin
        var gone = Callstack_V1_MemberDeactivated()
        gone.memberID = "admin-2"
        try await engine.log.append(AppendBatch(stream: "workspace", events: [try event("MemberInvited", second), try event("MemberDeactivated", gone)]))
        await #expect(throws: DomainRejection.self, "a deactivated Team Admin has no role") {
            try await engine.forgetContact("c-1", by: "admin-2", at: time)
        }
        await #expect(throws: DomainRejection.notFound("contact c-9")) {
            try await engine.forgetContact("c-9", by: "admin", at: time)
        }
        await #expect(throws: PersonalDataError.self) { try await engine.forgetContact("bad:id", by: "admin", at: time) }
        var forget = Callstack_V1_CommandEnvelope()
        forget.commandID = "forget-bad"
        forget.actorMemberID = "admin"
        forget.forgetContact.contactID = "bad:id"
        #expect(try await engine.handle(forget) == .rejected(.invalidCommand(
            #"a contact id must have 1 to 200 bytes, without NUL or ':': "bad:id""#)), "through handle, a rejection")
        #expect(try engine.keys.hasKey(for: DataSubject(.contact, "c-1")))
        #expect(try engine.keys.subjects(with: .phone, Self.people[0].phone).count == 1)
        #expect(try engine.log.headPosition() == head + 2, "a refused command writes nothing")
        var valid = forget
        valid.commandID = "forget-1"
        valid.forgetContact.contactID = "c-1"
        #expect(try await engine.handle(valid) == .accepted(positions: (head + 3)...(head + 3), replayed: false))
        #expect(try await engine.handle(valid) == .accepted(positions: (head + 3)...(head + 3), replayed: true), "the same command again")
    }
}
