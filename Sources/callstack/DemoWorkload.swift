import CallStackEvents
import EventLog
import Foundation
import SwiftProtobuf

/// A synthetic campaign: set-up, an import of contacts, then concurrent callers working the list.
/// Every payload is a message of the event contract, so `callstack replay` can rebuild from it.
/// Personal fields stay empty until sealing lands: the demo writes no personal data.
struct DemoWorkload: Sendable {
    let log: EventLog
    let contacts: Int
    let callers: Int
    let calls: Int

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
        var workspace = [try event("WorkspaceSettingsChanged", settings)]
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
            var batches = try range.map { index in
                AppendBatch(
                    stream: contactStream(run, index), expected: .noStream,
                    events: try contactEvents(contactStream(run, index), campaign: campaign, index: index))
            }
            var accepted = Callstack_V1_ImportRowsAccepted()
            accepted.occurred = occurrence()
            accepted.importID = importID
            accepted.firstRow = UInt64(range.lowerBound)
            accepted.count = UInt64(range.count)
            batches.append(AppendBatch(stream: importID, events: [try event("ImportRowsAccepted", accepted)]))
            try await append(batches, summary: &summary)
        }
    }

    private func contactEvents(_ contact: String, campaign: String, index: Int) throws -> [ProposedEvent] {
        var phone = Callstack_V1_ContactPhone()
        phone.region = "GB"
        phone.timeZone = "Europe/London"
        phone.type = index % 3 == 0 ? .fixedLine : .mobile
        phone.valid = true
        var created = Callstack_V1_ContactCreated()
        created.occurred = occurrence()
        created.contactID = contact
        created.company = "Company \(index % 97)"
        created.phones = [phone]
        var enrolled = Callstack_V1_ContactEnrolled()
        enrolled.occurred = occurrence()
        enrolled.contactID = contact
        enrolled.campaignID = campaign
        enrolled.lane = "priority"
        return [try event("ContactCreated", created), try event("ContactEnrolled", enrolled)]
    }

    /// One caller: each call reads the contact's version and appends dial and outcome at that version.
    private func work(caller: Int, campaign: String, run: UInt64) async throws -> Summary {
        var summary = Summary()
        var generator = SplitMix64(seed: run &+ UInt64(caller))
        for call in 0..<calls {
            let contact = contactStream(run, Int(generator.next() % UInt64(contacts)))
            let outcome = Self.outcomes[Int(generator.next() % UInt64(Self.outcomes.count))].0
            var dialled = Callstack_V1_CallDialled()
            dialled.occurred = occurrence(by: "caller-\(caller)")
            dialled.contactID = contact
            dialled.campaignID = campaign
            dialled.callID = "call-\(run)-\(caller)-\(call)"
            dialled.callerMemberID = "caller-\(caller)"
            var saved = Callstack_V1_OutcomeSaved()
            saved.occurred = occurrence(by: "caller-\(caller)")
            saved.contactID = contact
            saved.campaignID = campaign
            saved.callID = dialled.callID
            saved.outcomeID = outcome
            saved.talkSeconds = UInt32(generator.next() % 300)
            let events = [try event("CallDialled", dialled), try event("OutcomeSaved", saved)]
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

    private func contactStream(_ run: UInt64, _ index: Int) -> String { "contact-\(run)-\(index)" }

    private func occurrence(by actor: String = "demo") -> Callstack_V1_Occurrence {
        var occurrence = Callstack_V1_Occurrence()
        occurrence.atMicros = Int64(Date().timeIntervalSince1970 * 1_000_000)
        occurrence.actorMemberID = actor
        return occurrence
    }

    private func event(_ type: String, _ message: some SwiftProtobuf.Message, version: UInt32 = 1) throws -> ProposedEvent {
        ProposedEvent(type: type, schemaVersion: version, actor: "demo", payload: try message.serializedBytes())
    }
}
