public import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import Foundation
import SwiftProtobuf

/// The benchmark's scale of the generated workload: the same workspace, set up through the
/// engine's commands, then contacts and calls appended in bulk, shaped as the workflow records
/// them (`ContactCreated` with plaintext attributes only, `ContactEnrolled`, then per call
/// `CallReserved`, `DialStarted`, `CallConnected` when it connects, `CallEnded`, `OutcomeSaved`
/// and a `CallbackScheduled` when asked for). Going around the deciders is what makes a million
/// contacts and thirty days of calling take minutes rather than hours; the queue folds these
/// events exactly as it folds the engine's. Seeded: the same plan gives the same log.
public struct BulkWorkload: Sendable {
    public let plan: WorkloadPlan
    /// Calls a caller makes a day.
    public let callsPerCallerPerDay: Int

    public init(plan: WorkloadPlan, callsPerCallerPerDay: Int = 100) {
        self.plan = plan
        self.callsPerCallerPerDay = callsPerCallerPerDay
    }

    /// The last business time the workload writes: the end of the last day's shift.
    public var endMicros: Int64 { WorkloadPlan.firstDayMicros + Int64(plan.days - 1) * 86_400_000_000 + 17 * 3_600_000_000 }

    /// Sets the workspace up through `engine`, then appends the contacts and the calls; returns
    /// the events appended. `progress` gets a line now and then.
    public func run(on engine: Engine, progress: (String) -> Void = { _ in }) async throws -> Int {
        for (id, member, command) in WorkspaceSetup(plan: plan).commands() {
            guard case .accepted = try await engine.handle(command, id: id, by: member, at: BusinessTime(micros: WorkloadPlan.firstDayMicros)) else {
                throw DomainRejection.invalidCommand("bulk workload setup \(id) was refused")
            }
        }
        var writer = BulkWriter(log: engine.log)
        try await appendContacts(&writer, progress)
        var random = SeededRandom(seed: plan.seed ^ 0xB01C)
        var queues = plan.campaigns.map { _ in CampaignCursor() }
        let setup = WorkspaceSetup(plan: plan)
        for day in 0..<plan.days {
            try await appendDay(day, &writer, &random, &queues, setup)
            progress("day \(day + 1) of \(plan.days): \(writer.written) events")
        }
        try await writer.flush()
        return writer.written
    }

    private func appendContacts(_ writer: inout BulkWriter, _ progress: (String) -> Void) async throws {
        let at = WorkloadPlan.firstDayMicros + 3_600_000_000
        for (campaignIndex, campaign) in plan.campaigns.enumerated() {
            for index in 0..<plan.contactsPerCampaign {
                let contact = Self.contactID(campaignIndex, index)
                let occurred = Callstack_V1_Occurrence.with { $0.atMicros = at; $0.actorMemberID = WorkspaceSetup.managers[campaignIndex % 2] }
                try await writer.add("contact-" + contact, "ContactCreated", Callstack_V1_ContactCreated.with {
                    $0.occurred = occurred; $0.contactID = contact; $0.company = "Company \(index % 997)"
                    $0.source = index % 5 == 0 ? "webinar" : index % 3 == 0 ? "referral" : "list"
                    $0.phones = [.with { $0.region = "GB"; $0.timeZone = "Europe/London"; $0.type = .fixedLine; $0.valid = true }]
                    $0.customFields = [.with { $0.key = "deal_size"; $0.plain = String((index * 7_919) % 50_000) }]
                }, at: at)
                try await writer.add("contact-" + contact, "ContactEnrolled", Callstack_V1_ContactEnrolled.with {
                    $0.occurred = occurred; $0.contactID = contact; $0.campaignID = campaign; $0.callStatus = "new"
                }, at: at)
            }
            progress("contacts of \(campaign): \(writer.written) events")
        }
    }

    static func contactID(_ campaign: Int, _ index: Int) -> String { "b\(campaign).\(index)" }

    /// One day of calling: each caller's calls back to back from 09:00, in time order across callers.
    private func appendDay(
        _ day: Int, _ writer: inout BulkWriter, _ random: inout SeededRandom, _ queues: inout [CampaignCursor], _ setup: WorkspaceSetup
    ) async throws {
        let start = WorkloadPlan.firstDayMicros + Int64(day) * 86_400_000_000 + 9 * 3_600_000_000
        let spacing = 8 * 3_600_000_000 / Int64(max(1, callsPerCallerPerDay))
        let callers = setup.callerIDs()
        for slot in 0..<callsPerCallerPerDay {
            for (callerIndex, caller) in callers.enumerated() {
                let campaignIndex = callerIndex % plan.campaigns.count
                let at = start + Int64(slot) * spacing + Int64(callerIndex) * 1_000_000
                guard let contact = queues[campaignIndex].next(at: at, contacts: plan.contactsPerCampaign, &random) else { continue }
                try await appendCall(
                    contact: Self.contactID(campaignIndex, contact), index: contact, campaign: plan.campaigns[campaignIndex], caller: caller, at: at,
                    spacing: spacing, &writer, &random, &queues[campaignIndex])
            }
        }
    }

    private func appendCall(
        contact: String, index: Int, campaign: String, caller: String, at: Int64, spacing: Int64, _ writer: inout BulkWriter,
        _ random: inout SeededRandom, _ cursor: inout CampaignCursor
    ) async throws {
        let stream = "contact-" + contact
        let call = "\(contact)@\(at)"
        func occurred(_ micros: Int64) -> Callstack_V1_Occurrence { .with { $0.atMicros = micros; $0.actorMemberID = caller } }
        try await writer.add(stream, "CallReserved", Callstack_V1_CallReserved.with {
            $0.occurred = occurred(at); $0.contactID = contact; $0.campaignID = campaign; $0.reservationID = call; $0.callerMemberID = caller
            $0.expiresAtMicros = at + 600_000_000
        }, at: at)
        let dialAt = at + 5_000_000
        try await writer.add(stream, "DialStarted", Callstack_V1_DialStarted.with {
            $0.occurred = occurred(dialAt); $0.contactID = contact; $0.campaignID = campaign; $0.reservationID = call; $0.callID = call
            $0.callerIDNumber = "+442079460100"; $0.callerMemberID = caller
        }, at: dialAt)
        let roll = random.int(0...99)
        let result: Callstack_V1_SystemResult = roll < 2 ? .failed : roll < 40 ? .noAnswer : roll < 48 ? .busy : roll < 67 ? .voicemail : roll < 68 ? .abandoned : .connected
        let endAt = dialAt + min(spacing / 2, result == .connected ? Int64(random.int(60...300)) * 1_000_000 : 30_000_000)
        if result == .connected || result == .abandoned {
            try await writer.add(stream, "CallConnected", Callstack_V1_CallConnected.with {
                $0.occurred = occurred(dialAt + 10_000_000); $0.contactID = contact; $0.campaignID = campaign; $0.callID = call
            }, at: dialAt + 10_000_000)
        }
        try await writer.add(stream, "CallEnded", Callstack_V1_CallEnded.with {
            $0.occurred = occurred(endAt); $0.contactID = contact; $0.campaignID = campaign; $0.callID = call; $0.result = result
        }, at: endAt)
        let outcome = Self.outcome(result, &random)
        let definition = WorkspaceSetup.outcomes.first { $0.outcomeID == outcome }
        let savedAt = endAt + 20_000_000
        try await writer.add(stream, "OutcomeSaved", Callstack_V1_OutcomeSaved.with {
            $0.occurred = occurred(savedAt); $0.contactID = contact; $0.campaignID = campaign; $0.callID = call; $0.outcomeID = outcome
            $0.systemResult = result; $0.flags = definition?.flags ?? []; $0.callerMemberID = caller; $0.callStatus = definition?.callStatus ?? ""
        }, at: savedAt)
        if outcome == "callback" {
            let due = savedAt + Int64(random.int(2...48)) * 3_600_000_000
            try await writer.add(stream, "CallbackScheduled", Callstack_V1_CallbackScheduled.with {
                $0.occurred = occurred(savedAt); $0.contactID = contact; $0.campaignID = campaign; $0.callID = call; $0.dueAtMicros = due
            }, at: savedAt)
            cursor.retry(index, due: due)
        } else if definition?.flags.contains(.final) != true {
            cursor.retry(index, due: endAt + 4 * 3_600_000_000)
        }
    }

    static func outcome(_ result: Callstack_V1_SystemResult, _ random: inout SeededRandom) -> String {
        switch result {
        case .failed: random.chance(50) ? "wrong-number" : "no-answer"
        case .busy: "busy"
        case .voicemail: "voicemail"
        case .connected:
            random.pick(["meeting", "callback", "callback", "hot", "not-interested", "not-interested", "not-interested", "do-not-call"])
        default: "no-answer"
        }
    }
}

/// Which contact a campaign's next bulk call goes to: a contact whose recycle delay or callback
/// is due, a third of the time when there is one; otherwise the next fresh contact.
struct CampaignCursor {
    var fresh = 0
    var due: [(at: Int64, contact: Int)] = []
    var head = 0

    mutating func next(at micros: Int64, contacts: Int, _ random: inout SeededRandom) -> Int? {
        if head < due.count, due[head].at <= micros, fresh >= contacts || random.chance(33) {
            head += 1
            return due[head - 1].contact
        }
        guard fresh < contacts else { return nil }
        fresh += 1
        return fresh - 1
    }

    mutating func retry(_ contact: Int, due at: Int64) {
        // Nearly in order (the same delay from nearly ordered ends); callbacks go in their place.
        var index = due.count
        while index > head, due[index - 1].at > at { index -= 1 }
        due.insert((at, contact), at: index)
        if head > 65_536 {
            due.removeFirst(head)
            head = 0
        }
    }
}

/// Appends in batches of a few thousand events, each batch one atomic append of many streams.
struct BulkWriter {
    let log: EventLog
    var pending: [AppendBatch] = []
    var pendingEvents = 0
    var lastAt: Int64 = 0
    var written = 0
    var sequence: UInt64 = 0

    init(log: EventLog) {
        self.log = log
    }

    mutating func add(_ stream: String, _ type: String, _ message: some SwiftProtobuf.Message, at micros: Int64) async throws {
        sequence += 1
        let id = CommandEventID.make(command: "bulk/\(sequence)", index: 0)
        let event = ProposedEvent(id: id, type: type, actor: "bulk", payload: try message.serializedBytes())
        if let last = pending.indices.last, pending[last].stream == stream {
            pending[last].events.append(event)
        } else {
            pending.append(AppendBatch(stream: stream, expected: .any, events: [event]))
        }
        pendingEvents += 1
        lastAt = max(lastAt, micros)
        if pendingEvents >= 4_096 { try await flush() }
    }

    mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        _ = try await log.append(pending, at: Date(timeIntervalSince1970: Double(lastAt) / 1_000_000))
        written += pendingEvents
        pending.removeAll(keepingCapacity: true)
        pendingEvents = 0
    }
}
