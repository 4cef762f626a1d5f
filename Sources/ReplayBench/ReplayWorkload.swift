import CallStackEvents
public import EventLog
import Foundation
public import PersonalData
import SwiftProtobuf

/// A generated campaign log shaped like real work: per contact, a sealed `ContactCreated`, a
/// `ContactEnrolled`, then four calls (`CallDialled` + `OutcomeSaved`): ten events, one stream.
/// Seeded: the same arguments give the same payloads and keys.
public struct ReplayWorkload: Sendable {
    public static let eventsPerContact = 10
    static let outcomes = ["no-answer", "voicemail", "not-interested", "callback", "meeting-booked"]

    /// Appends about `events` events (whole contacts) to `log`, sealing personal fields with `keys`.
    public static func fill(
        _ log: EventLog, keys: SubjectKeyStore, events: Int, firstContact: Int = 0, seed: UInt64 = 1,
        progress: (Int) -> Void = { _ in }
    ) async throws {
        let contacts = max(events / eventsPerContact, 1)
        var generator = SplitMix64(seed: seed)
        let perAppend = 500
        for chunk in stride(from: firstContact, to: firstContact + contacts, by: perAppend) {
            let range = chunk..<min(chunk + perAppend, firstContact + contacts)
            try keys.prepareKeys(for: try range.map { try DataSubject(.contact, "c\($0)") })
            let batches = try range.map { index in
                AppendBatch(stream: "contact-c\(index)", expected: .noStream, events: try contactEvents(index, keys: keys, &generator))
            }
            try await log.append(batches, at: Date(timeIntervalSince1970: 1_800_000_000))
            progress((range.upperBound - firstContact) * eventsPerContact)
        }
    }

    private static func contactEvents(_ index: Int, keys: SubjectKeyStore, _ generator: inout SplitMix64) throws -> [ProposedEvent] {
        let contact = "c\(index)"
        let campaign = "campaign-\(index % 4)"
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let createdID = EventID.make(at: at, using: &generator)
        let card = ContactCard(
            contactID: contact, name: .text("Contact \(index)"), title: .text("Manager"),
            phones: [.init(number: .text("+4477009\(String(10_000 + index % 90_000))"), region: "GB", timeZone: "Europe/London", type: .mobile, valid: true)],
            emails: [.text("contact\(index)@example.com")], company: "Company \(index % 97)")
        var occurred = Callstack_V1_Occurrence()
        occurred.atMicros = 1_800_000_000_000_000 + Int64(index)
        occurred.actorMemberID = "importer"
        var events = [try event("ContactCreated", keys.sealContact(card, eventID: createdID, occurred: occurred), id: createdID)]
        var enrolled = Callstack_V1_ContactEnrolled()
        enrolled.occurred = occurred
        enrolled.contactID = contact
        enrolled.campaignID = campaign
        enrolled.lane = "priority"
        events.append(try event("ContactEnrolled", enrolled, id: EventID.make(at: at, using: &generator)))
        for call in 0..<4 {
            var dialled = Callstack_V1_CallDialled()
            dialled.occurred = occurred
            dialled.occurred.actorMemberID = "caller-\(index % 16)"
            dialled.contactID = contact
            dialled.campaignID = campaign
            dialled.callID = "call-\(index)-\(call)"
            dialled.callerMemberID = dialled.occurred.actorMemberID
            var saved = Callstack_V1_OutcomeSaved()
            saved.occurred = dialled.occurred
            saved.contactID = contact
            saved.campaignID = campaign
            saved.callID = dialled.callID
            saved.outcomeID = outcomes[Int(generator.next() % UInt64(outcomes.count))]
            saved.talkSeconds = UInt32(generator.next() % 600)
            events.append(try event("CallDialled", dialled, id: EventID.make(at: at, using: &generator)))
            events.append(try event("OutcomeSaved", saved, id: EventID.make(at: at, using: &generator)))
        }
        return events
    }

    private static func event(_ type: String, _ message: some SwiftProtobuf.Message, id: EventID) throws -> ProposedEvent {
        ProposedEvent(id: id, type: type, actor: "bench", payload: try message.serializedBytes())
    }
}
