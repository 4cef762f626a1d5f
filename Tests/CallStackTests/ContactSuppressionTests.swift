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

@Suite("Suppression of a contact", .timeLimit(.minutes(1)))
struct ContactSuppressionTests {
    static let now = BusinessTime(micros: 1_800_000_000_000_000)

    private func handle(_ engine: Engine, _ id: String, _ command: Callstack_V1_CommandEnvelope.OneOf_Command) async throws {
        let outcome = try await engine.handle(command, id: id, by: "ada", at: Self.now)
        guard case .accepted = outcome else { throw DomainRejection.invalidCommand("\(id): \(outcome)") }
    }

    private func contact(_ engine: Engine, _ id: String, phone: String, email: String) async throws {
        let eventID = EventID.make()
        let card = ContactCard(
            contactID: id, name: .text("Someone"),
            phones: [.init(number: .text(phone), region: "GB", timeZone: "Europe/London", type: .mobile, valid: true)],
            emails: [.text(email)])
        let created = try engine.keys.sealContact(card, eventID: eventID, occurred: Callstack_V1_Occurrence())
        try await engine.log.append(AppendBatch(stream: Engine.contactStream(id), expected: .noStream, events: [
            ProposedEvent(id: eventID, type: "ContactCreated", actor: "ada", payload: try created.serializedBytes()),
        ]))
    }

    @Test("a contact is matched by any of its phones or emails, on the global list or its client's; not after a forget")
    func matched() async throws {
        let store = TemporaryStore("contact-suppression")
        let engine = try Engine.open(at: store.path, keySource: .seeded(41), durability: .unsafeNoSync)
        defer { engine.close() }
        try await handle(engine, "boot", .createWorkspace(.with { $0.workspaceID = "w"; $0.name = "W"; $0.adminMemberID = "ada"; $0.adminDisplayName = "Ada" }))
        try await handle(engine, "acme", .addClient(.with { $0.clientID = "acme"; $0.name = "Acme" }))
        try await handle(engine, "prefix", .addSuppressionEntry(.with {
            $0.entryID = "london"; $0.kind = .phonePrefix; $0.value = "+4420"; $0.reason = "no London calls"
        }))
        try await handle(engine, "domain", .addSuppressionEntry(.with {
            $0.clientID = "acme"; $0.entryID = "rival"; $0.kind = .emailDomain; $0.value = "initech.example"; $0.reason = "competitor"
        }))
        try await contact(engine, "london", phone: "+442079460123", email: "a@example.com")
        try await contact(engine, "rival", phone: "+447700900123", email: "b@initech.example")
        try await contact(engine, "free", phone: "+447700900456", email: "c@example.com")

        #expect(try engine.suppression(forContact: "london", client: nil, at: Self.now, asking: "ada")?.id == "london")
        #expect(try engine.suppression(forContact: "rival", client: "acme", at: Self.now, asking: "ada")?.id == "rival")
        #expect(try engine.suppression(forContact: "rival", client: nil, at: Self.now, asking: "ada") == nil, "the client's list only for its campaigns")
        #expect(try engine.suppression(forContact: "free", client: "acme", at: Self.now, asking: "ada") == nil)
        #expect(try engine.suppression(forContact: "nobody", client: "acme", at: Self.now, asking: "ada") == nil)

        try await engine.forgetContact("london", by: "ada", at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try engine.suppression(forContact: "london", client: nil, at: Self.now, asking: "ada") == nil, "erased details match nothing")
        #expect(try engine.suppressionList(client: nil).entries["london"] != nil, "the entry itself is kept")
    }
}
