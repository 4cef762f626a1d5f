import EventLog
import Foundation

/// A synthetic campaign: set-up, an import of contacts, then concurrent callers working the list.
/// Payloads are small JSON documents; the log treats them as opaque bytes.
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

    private static let outcomes = ["no-answer", "voicemail", "not-interested", "callback", "meeting-booked"]

    func run() async throws -> Summary {
        let run = try log.headPosition()
        let campaign = "campaign-\(run)"
        var summary = Summary()
        try await setUp(campaign: campaign, run: run, summary: &summary)
        try await importContacts(run: run, summary: &summary)
        let results = try await withThrowingTaskGroup(of: Summary.self) { group in
            for caller in 0..<callers {
                group.addTask { try await work(caller: caller, run: run) }
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
        var workspace = [event("WorkspaceSettingsChanged", #"{"timeFormat":"24h","run":\#(run)}"#)]
        workspace += (0..<callers).map { event("MemberInvited", #"{"member":"caller-\#($0)","role":"Caller"}"#) }
        let outcomes = Self.outcomes.map { event("OutcomeDefined", #"{"outcome":"\#($0)"}"#) }
        let brief = [event("CampaignCreated", #"{"name":"Demo \#(run)","client":"acme"}"#)] + outcomes
        try await append([
            AppendBatch(stream: "workspace", events: workspace),
            AppendBatch(stream: campaign, expected: .noStream, events: brief),
        ], summary: &summary)
    }

    /// Imports contacts 500 at a time; each chunk is one atomic append over 500 new contact streams.
    private func importContacts(run: UInt64, summary: inout Summary) async throws {
        let importStream = "import-\(run)"
        try await append([AppendBatch(stream: importStream, expected: .noStream, events: [
            event("ImportPreviewed", #"{"rows":\#(contacts)}"#),
        ])], summary: &summary)
        for chunk in stride(from: 0, to: contacts, by: 500) {
            let range = chunk..<min(chunk + 500, contacts)
            var batches = range.map { index in
                AppendBatch(stream: contactStream(run, index), expected: .noStream, events: [
                    event("ContactCreated", #"{"name":"Contact \#(index)","phone":"+4420790\#(10000 + index)"}"#),
                    event("ContactEnrolled", #"{"lane":"priority"}"#),
                ])
            }
            batches.append(AppendBatch(stream: importStream, events: [
                event("RowsAccepted", #"{"from":\#(range.lowerBound),"count":\#(range.count)}"#),
            ]))
            try await append(batches, summary: &summary)
        }
    }

    /// One caller: each call reads the contact's version and appends dial and outcome at that version.
    private func work(caller: Int, run: UInt64) async throws -> Summary {
        var summary = Summary()
        var generator = SplitMix64(seed: run &+ UInt64(caller))
        for call in 0..<calls {
            let contact = contactStream(run, Int(generator.next() % UInt64(contacts)))
            let outcome = Self.outcomes[Int(generator.next() % UInt64(Self.outcomes.count))]
            let events = [
                event("CallDialled", #"{"caller":"caller-\#(caller)","call":\#(call)}"#),
                event("OutcomeSaved", #"{"outcome":"\#(outcome)","talkSeconds":\#(generator.next() % 300)}"#),
            ]
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

    private func event(_ type: String, _ json: String) -> ProposedEvent {
        ProposedEvent(type: type, actor: "demo", payload: Array(json.utf8))
    }
}
