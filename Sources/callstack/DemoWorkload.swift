import CallStack
import CallStackEvents
import EventLog
import Foundation
import PersonalData
import SwiftProtobuf

/// A synthetic campaign: set-up, an import of contacts, then concurrent callers working the list.
/// Every payload is a message of the event contract, so `callstack replay` can rebuild from it.
/// Contacts' personal fields (synthetic names, phones, emails) are sealed under per-contact keys in
/// the store's key store, with keyed hashes for duplicate lookups.
struct DemoWorkload: Sendable {
    let engine: Engine
    let contacts: Int
    let callers: Int
    let calls: Int

    var log: EventLog { engine.log }
    struct Summary {
        var appends = 0
        var events = 0
        var conflicts = 0
    }

    private static let outcomes: [(String, [Callstack_V1_OutcomeRequirement])] = [
        ("no-answer", []), ("voicemail", [.notes]), ("not-interested", [.notes]), ("callback", [.callback]),
        ("meeting-booked", [.notes, .meeting]),
    ]

    func run() async throws -> Summary {
        let run = try log.headPosition()
        let campaign = "campaign-\(run)"
        var summary = Summary()
        try await setUp(campaign: campaign, run: run, summary: &summary)
        try await importContacts(campaign: campaign, run: run, summary: &summary)
        let results = try await withThrowingTaskGroup(of: Summary.self) { group in
            for caller in 0..<callers {
                group.addTask { try await work(caller: caller, campaign: campaign, run: run) }
            }
            return try await group.reduce(into: [Summary]()) { $0.append($1) }
        }
        for result in results {
            summary.appends += result.appends
            summary.events += result.events
            summary.conflicts += result.conflicts
        }
        return summary
    }

    private func setUp(campaign: String, run: UInt64, summary: inout Summary) async throws {
        var settings = Callstack_V1_WorkspaceSettingsChanged()
        settings.occurred = occurrence()
        settings.timeFormat = .timeFormat24Hour
        settings.timeZone = "Europe/London"
        var workspace: [ProposedEvent] = []
        if try log.streamVersion("workspace") == 0 {
            var created = Callstack_V1_WorkspaceCreated()
            created.occurred = occurrence(by: Self.admin)
            created.workspaceID = "demo"
            created.name = "Demo workspace"
            workspace.append(try event("WorkspaceCreated", created, by: Self.admin))
        }
        workspace.append(try event("WorkspaceSettingsChanged", settings))
        for caller in 0..<callers {
            var invited = Callstack_V1_MemberInvited()
            invited.occurred = occurrence()
            invited.memberID = "caller-\(caller)"
            invited.role = .caller
            workspace.append(try event("MemberInvited", invited))
        }
        var client = Callstack_V1_ClientAdded()
        client.occurred = occurrence()
        client.clientID = "client-\(run)"
        client.name = "Acme"
        workspace.append(try event("ClientAdded", client))
        var created = Callstack_V1_CampaignCreated()
        created.occurred = occurrence()
        created.campaignID = campaign
        created.clientID = client.clientID
        created.name = "Demo \(run)"
        var brief = [try event("CampaignCreated", created)]
        for (outcome, requirements) in Self.outcomes {
            var defined = Callstack_V1_OutcomeDefined()
            defined.occurred = occurrence()
            defined.campaignID = campaign
            defined.outcomeID = outcome
            defined.label = outcome
            defined.requirements = requirements
            brief.append(try event("OutcomeDefined", defined, version: 2))
        }
        try await append([
            AppendBatch(stream: "workspace", events: workspace),
            AppendBatch(stream: campaign, expected: .noStream, events: brief),
        ], summary: &summary)
    }

    /// Imports contacts 500 at a time; each chunk is one atomic append over 500 new contact streams.
    private func importContacts(campaign: String, run: UInt64, summary: inout Summary) async throws {
        let importID = "import-\(run)"
        var previewed = Callstack_V1_ImportPreviewed()
        previewed.occurred = occurrence()
        previewed.importID = importID
        previewed.fileName = "demo.csv"
        previewed.rows = UInt64(contacts)
        try await append(
            [AppendBatch(stream: importID, expected: .noStream, events: [try event("ImportPreviewed", previewed)])],
            summary: &summary)
        for chunk in stride(from: 0, to: contacts, by: 500) {
            let range = chunk..<min(chunk + 500, contacts)
            let ids = range.map { contactID(run, $0) }
            try engine.keys.prepareKeys(for: try ids.map { try DataSubject(.contact, $0) })
            var lookups: [(kind: LookupKind, normalized: String, subject: DataSubject)] = []
            var batches = try zip(range, ids).map { index, id in
                let card = Self.card(id, index: index)
                let subject = try DataSubject(.contact, id)
                for case .text(let number) in card.phones.map(\.number) { lookups.append((.phone, number, subject)) }
                for case .text(let email) in card.emails { lookups.append((.email, email, subject)) }
                return AppendBatch(
                    stream: Engine.contactStream(id), expected: .noStream,
                    events: try contactEvents(card, campaign: campaign))
            }
            try engine.keys.remember(lookups)
            var accepted = Callstack_V1_ImportRowsAccepted()
            accepted.occurred = occurrence()
            accepted.importID = importID
            accepted.firstRow = UInt64(range.lowerBound)
            accepted.count = UInt64(range.count)
            batches.append(AppendBatch(stream: importID, events: [try event("ImportRowsAccepted", accepted)]))
            try await append(batches, summary: &summary)
        }
    }

    /// A synthetic person: made-up names, numbers from Ofcom's range reserved for drama, and
    /// example.com addresses.
    static func card(_ id: String, index: Int) -> ContactCard {
        let given = ["Ada", "Ben", "Cleo", "Dev", "Esme", "Finn", "Grace", "Hari"][index % 8]
        let family = ["Archer", "Bloom", "Croft", "Dale", "Ellis", "Frost", "Gale"][index % 7]
        let phone = ContactCard.Phone(
            number: .text("+447700" + String(900_000 + index % 1_000)), region: "GB", timeZone: "Europe/London",
            type: index % 3 == 0 ? .fixedLine : .mobile, valid: true)
        return ContactCard(
            contactID: id, name: .text("\(given) \(family)"), title: .text(index % 4 == 0 ? "Director" : "Manager"),
            phones: [phone], emails: [.text("\(given).\(family)\(index)@example.com".lowercased())],
            company: "Company \(index % 97)")
    }

    private func contactEvents(_ card: ContactCard, campaign: String) throws -> [ProposedEvent] {
        let id = EventID.make()
        let created = try engine.keys.sealContact(card, eventID: id, occurred: occurrence())
        var enrolled = Callstack_V1_ContactEnrolled()
        enrolled.occurred = occurrence()
        enrolled.contactID = card.contactID
        enrolled.campaignID = campaign
        enrolled.lane = "priority"
        return [try event("ContactCreated", created, id: id), try event("ContactEnrolled", enrolled)]
    }

    /// One caller: each call reads the contact's version and appends dial and outcome at that version.
    private func work(caller: Int, campaign: String, run: UInt64) async throws -> Summary {
        var summary = Summary()
        var generator = SplitMix64(seed: run &+ UInt64(caller))
        for call in 0..<calls {
            let contactID = contactID(run, Int(generator.next() % UInt64(contacts)))
            let contact = Engine.contactStream(contactID)
            let outcome = Self.outcomes[Int(generator.next() % UInt64(Self.outcomes.count))].0
            var dialled = Callstack_V1_CallDialled()
            dialled.occurred = occurrence(by: "caller-\(caller)")
            dialled.contactID = contactID
            dialled.campaignID = campaign
            dialled.callID = "call-\(run)-\(caller)-\(call)"
            dialled.callerMemberID = "caller-\(caller)"
            var saved = Callstack_V1_OutcomeSaved()
            saved.occurred = occurrence(by: "caller-\(caller)")
            saved.contactID = contactID
            saved.campaignID = campaign
            saved.callID = dialled.callID
            saved.outcomeID = outcome
            saved.talkSeconds = UInt32(generator.next() % 300)
            let caller = dialled.callerMemberID
            let events = [try event("CallDialled", dialled, by: caller), try event("OutcomeSaved", saved, by: caller)]
            while true {
                let version = try log.streamVersion(contact)
                do {
                    try await append([AppendBatch(stream: contact, expected: .exact(version), events: events)], summary: &summary)
                    break
                } catch let error as EventLogError where error.code == .wrongExpectedVersion {
                    summary.conflicts += 1
                }
            }
        }
        return summary
    }

    private func append(_ batches: [AppendBatch], summary: inout Summary) async throws {
        try await log.append(batches)
        summary.appends += 1
        summary.events += batches.reduce(0) { $0 + $1.events.count }
    }

    /// The demo's Team Admin, who may forget contacts.
    static let admin = "admin"

    func contactID(_ run: UInt64, _ index: Int) -> String { "\(run)-\(index)" }

    private func occurrence(by actor: String = "demo") -> Callstack_V1_Occurrence {
        var occurrence = Callstack_V1_Occurrence()
        occurrence.atMicros = Int64(Date().timeIntervalSince1970 * 1_000_000)
        occurrence.actorMemberID = actor
        return occurrence
    }

    private func event(
        _ type: String, _ message: some SwiftProtobuf.Message, version: UInt32 = 1, id: EventID = .make(),
        by actor: String = "demo"
    ) throws -> ProposedEvent {
        ProposedEvent(id: id, type: type, schemaVersion: version, actor: actor, payload: try message.serializedBytes())
    }
}
