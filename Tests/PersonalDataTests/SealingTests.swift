import CallStackEvents
import EventLog
import EventLogTestSupport
import Foundation
@testable import PersonalData
import Testing

@Suite("Sealing personal data", .timeLimit(.minutes(1)))
struct SealingTests {
    private let alice = try! DataSubject(.contact, "c-1")
    private let bob = try! DataSubject(.contact, "c-2")

    private func keys(_ store: TemporaryStore, seed: UInt64 = 7) throws -> SubjectKeyStore {
        try SubjectKeyStore.open(at: store.path, keySource: .seeded(seed), durability: .unsafeNoSync)
    }

    @Test("a sealed value opens to its text, and the box never holds the plaintext")
    func roundTrip() throws {
        let keys = try keys(TemporaryStore("keys"))
        let id = EventID.make()
        let sealed = try keys.seal("Alice Smith", for: alice, field: .contactName, eventID: id)
        #expect(try keys.open(sealed, of: alice, field: .contactName) == .text("Alice Smith"))
        #expect(Data(sealed.box).range(of: Data("Alice".utf8)) == nil)
        #expect(sealed.box.count == 12 + 11 + 16, "nonce, ciphertext and tag")
        #expect(try keys.open(Callstack_V1_SealedValue(), of: alice, field: .contactName) == .absent)
    }

    @Test("sealing is deterministic per event and field, and differs across them")
    func deterministic() throws {
        let first = try keys(TemporaryStore("keys"))
        let second = try keys(TemporaryStore("keys"))
        let id = EventID.make()
        let one = try first.seal("+447700900001", for: alice, field: .contactPhone, eventID: id)
        #expect(try first.seal("+447700900001", for: alice, field: .contactPhone, eventID: id) == one)
        #expect(try second.seal("+447700900001", for: alice, field: .contactPhone, eventID: id) == one,
            "the same seeded keys in another store give the same bytes")
        let otherIndex = try first.seal("+447700900001", for: alice, field: .contactPhone.at(1), eventID: id)
        let otherEvent = try first.seal("+447700900001", for: alice, field: .contactPhone, eventID: .make())
        #expect(otherIndex.box.prefix(12) != one.box.prefix(12), "another element gets another nonce")
        #expect(otherEvent.box.prefix(12) != one.box.prefix(12), "another event gets another nonce")
        let edited = try first.seal("+447700900002", for: alice, field: .contactPhone, eventID: id)
        #expect(edited.box.prefix(12) != one.box.prefix(12), "other text for the same event and field never reuses a nonce")
    }

    @Test("a box that was changed or moved to another subject or field is a typed error")
    func tampering() throws {
        let keys = try keys(TemporaryStore("keys"))
        let sealed = try keys.seal("Alice", for: alice, field: .contactName, eventID: .make())
        _ = try keys.seal("Bob", for: bob, field: .contactName, eventID: .make())
        var flipped = sealed
        flipped.box[14] ^= 1
        #expect(throws: PersonalDataError.tampered("name of contact:c-1")) { try keys.open(flipped, of: alice, field: .contactName) }
        #expect(throws: PersonalDataError.self) { try keys.open(sealed, of: alice, field: .contactTitle) }
        #expect(throws: PersonalDataError.self) { try keys.open(sealed, of: bob, field: .contactName) }
        let second = try keys.seal("a@example.com", for: alice, field: .contactEmail.at(1), eventID: .make())
        #expect(throws: PersonalDataError.self, "a box moved to another element does not open") {
            try keys.open(second, of: alice, field: .contactEmail.at(0))
        }
        var short = Callstack_V1_SealedValue()
        short.box = Data([1, 2, 3])
        #expect(throws: PersonalDataError.self) { try keys.open(short, of: alice, field: .contactName) }
    }

    @Test("a card with a custom field key twice is refused")
    func duplicateCustomField() throws {
        let keys = try keys(TemporaryStore("keys"))
        let card = ContactCard(
            contactID: "c-1", name: .text("A"),
            customFields: [.init(key: "k", personal: true, value: .text("x")), .init(key: "k", personal: true, value: .text("y"))])
        #expect(throws: PersonalDataError.self) { try keys.sealContact(card, eventID: .make(), occurred: .init()) }
    }

    @Test("subject ids that cannot be keys are refused")
    func subjects() throws {
        for bad in ["", "a:b", "nul\u{0}", String(repeating: "x", count: 201)] {
            #expect(throws: PersonalDataError.self) { try DataSubject(.contact, bad) }
        }
        #expect(try DataSubject(.member, "m-1").description == "member:m-1")
    }

    @Test("keyed hashes find subjects by phone and email, and forgetting removes them")
    func lookups() throws {
        let keys = try keys(TemporaryStore("keys"))
        try keys.remember(.phone, "+447700900001", for: alice)
        try keys.remember(.phone, "+447700900001", for: bob)
        try keys.remember(.email, "alice@example.com", for: alice)
        #expect(try keys.subjects(with: .phone, "+447700900001") == [alice, bob])
        #expect(try keys.subjects(with: .email, "alice@example.com") == [alice])
        #expect(try keys.subjects(with: .email, "+447700900001") == [], "kinds are kept apart")
        #expect(keys.keyedHash(.phone, "+447700900001") != keys.keyedHash(.email, "+447700900001"))
        let report = try keys.forget(alice)
        #expect(report.lookupsDeleted == 2)
        #expect(report.keyDeleted == false, "alice never sealed anything")
        #expect(try keys.subjects(with: .phone, "+447700900001") == [bob])
        #expect(try keys.subjects(with: .email, "alice@example.com") == [])
    }

    @Test("after forget the subject's values read as erased; others still open; keys survive a reopen")
    func forget() throws {
        let store = TemporaryStore("keys")
        var keys: SubjectKeyStore? = try self.keys(store)
        let fromAlice = try keys?.seal("Alice", for: alice, field: .contactName, eventID: .make())
        let fromBob = try keys?.seal("Bob", for: bob, field: .contactName, eventID: .make())
        keys?.close()
        keys = nil
        let reopened = try self.keys(store, seed: 99)
        let aliceValue = try #require(fromAlice)
        let bobValue = try #require(fromBob)
        #expect(try reopened.open(aliceValue, of: alice, field: .contactName) == .text("Alice"))
        let report = try reopened.forget(alice)
        #expect(report.keyDeleted)
        #expect(try reopened.open(aliceValue, of: alice, field: .contactName) == .erased)
        #expect(try reopened.hasKey(for: alice) == false)
        #expect(try reopened.open(bobValue, of: bob, field: .contactName) == .text("Bob"))
        #expect(try reopened.forget(alice).keyDeleted == false, "forgetting again is harmless")
    }
}
