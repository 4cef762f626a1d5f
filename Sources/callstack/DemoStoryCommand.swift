import ArgumentParser
import CallStack
import CallStackDomain
import EventLog
import EventSourcing
import Foundation
import LogBench
import PersonalData
import Projections
import Workload

struct DemoStoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Generate a workspace and days of calling, then show the queue, a preview card, an audit excerpt, an explanation and verify.",
        discussion: """
            On an empty store: sets up a workspace (members in every role, two clients, two active \
            campaigns with full briefs), imports a messy generated list into each campaign, and \
            simulates --days of calling by --callers on shifts, all through the engine's commands. \
            The same --seed gives a byte-identical log (keys are seeded and recorded-at stamps follow \
            business time: demo data only). On a store that already holds it, shows it again. Then \
            prints each campaign's queue lanes and health the next morning, a preview card, the contact's \
            audit trail, why it was in its lane earlier and is where it is then, and the verification \
            of the log.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 42

    @Option(help: "Contacts in each campaign's list.")
    var contacts = 300

    @Option(help: "Callers (half on each campaign).")
    var callers = 6

    @Option(help: "Days of calling.")
    var days = 3

    func validate() throws {
        guard contacts > 0, callers > 0, days > 0 else { throw ValidationError("--contacts, --callers and --days must be positive") }
    }

    func run() async throws {
        let plan = WorkloadPlan(seed: seed, contactsPerCampaign: contacts, callers: callers, days: days)
        let workload = GeneratedWorkload(plan: plan, folder: storeOptions.store + "-lists")
        let engine = try Engine.open(at: storeOptions.store, keySource: .seeded(seed), durability: .relaxed, stamps: .businessTime)
        defer { engine.close() }
        if try engine.log.headPosition() == 0 {
            let started = ContinuousClock.now
            let summary = try await workload.run(on: engine)
            print(Self.summary(summary, seconds: (ContinuousClock.now - started).seconds, events: try engine.log.headPosition()))
        } else {
            print("store \(storeOptions.store) already holds \(try engine.log.headPosition()) events: showing them")
        }
        // The next morning, as the shift opens: yesterday's rests are over, retries and callbacks due.
        let end = BusinessTime(micros: WorkloadPlan.firstDayMicros + Int64(days) * 86_400_000_000 + 9 * 3_600_000_000)
        let lanes = try engine.queueLanes(at: end, asking: workload.admin)
        for campaign in workload.campaigns { try showQueue(campaign, lanes, end, engine) }
        guard let (contact, _) = Self.interesting(lanes, workload.campaigns[0]) else { return }
        let campaign = workload.campaigns[0]
        print("\n== preview card: \(contact) in \(campaign) at \(end.iso8601)")
        if let card = try engine.previewCard(contact: contact, campaign: campaign, at: end, asking: workload.admin) { print(CardCommand.text(card)) }
        try showAudit(contact, engine)
        print("\n== queue why: \(contact) in \(campaign)")
        let midday = BusinessTime(micros: WorkloadPlan.firstDayMicros + 12 * 3_600_000_000)
        for moment in [midday, end] {
            if let why = try engine.explainQueue(contact: contact, campaign: campaign, at: moment, asking: workload.admin) {
                print(QueueWhyCommand.text(why).split(separator: "\n").prefix(4).joined(separator: "\n"))
            }
        }
        let report = try engine.log.verify()
        print("\n== verify\nok: \(report.events) records, chain, \(report.streams) streams and both indexes; anchor \(report.head)")
        print("\ntry: callstack queue --campaign \(campaign) --store \(storeOptions.store)")
        print("     callstack queue why \(contact) --campaign \(campaign) --at \(midday.iso8601) --store \(storeOptions.store)")
    }

    static func summary(_ summary: WorkloadSummary, seconds: Double, events: UInt64) -> String {
        var lines = [
            "generated    \(events) events from \(summary.commands) commands in " + String(format: "%.1f s", seconds),
            "imported     \(summary.imported) contacts; \(summary.importRejected) messy rows rejected",
            "calling      \(summary.reservations) reservations, \(summary.dials) dials, \(summary.expired) reservations expired, \(summary.idleTurns) idle turns",
            "outcomes     " + summary.outcomes.keys.sorted().map { "\($0) \(summary.outcomes[$0] ?? 0)" }.joined(separator: ", "),
        ]
        for (reason, count) in summary.refusals.sorted(by: { $0.key < $1.key }) { lines.append("refused      \(count)× \(reason)") }
        return lines.joined(separator: "\n")
    }

    private func showQueue(_ campaign: String, _ state: QueueLanesState, _ at: BusinessTime, _ engine: Engine) throws {
        guard let lanes = state.campaigns[campaign] else { return }
        let health = CampaignHealth(lanes, at: at.micros)
        print("\n== queue lanes: \(campaign) at \(at.iso8601), \(health.mode.name) dialing")
        for lane in Lane.allCases {
            let first = lanes.members(of: lane, limit: 2).map { "\($0.contactID) (\($0.placement.reason))" }
            print("\(lane.description.padding(toLength: 16, withPad: " ", startingAt: 0)) \(lanes.count(lane))" + (first.isEmpty ? "" : "  e.g. " + first.joined(separator: "; ")))
        }
        print("health           abandon rate \(CampaignHealth.percent(health.abandonRateBasisPoints)) (\(health.abandoned) of \(health.liveAnswered)), cap \(CampaignHealth.percent(health.abandonCapBasisPoints)); failures \(CampaignHealth.percent(health.failureRateBasisPoints)) in 24 hours")
        for reason in health.reasons { print("                 \(reason)") }
    }

    /// A contact worth showing: the first of the callback lane, else the hot-lead, retry or priority lane.
    static func interesting(_ state: QueueLanesState, _ campaign: String) -> (String, Placement)? {
        guard let lanes = state.campaigns[campaign] else { return nil }
        for lane in [Lane.callback, .hotLead, .retry, .redistributable, .priority] {
            if let first = lanes.members(of: lane, limit: 1).first { return (first.contactID, first.placement) }
        }
        return nil
    }

    private func showAudit(_ contact: String, _ engine: Engine) throws {
        let store = try SnapshotStore.open(at: SnapshotStore.folder(forStore: storeOptions.store))
        defer { store.close() }
        let trail = AuditTrail(log: engine.log, projections: store)
        let entries = try trail.entries(.contact(contact))
        print("\n== audit: contact \(contact), last 6 of \(entries.count) entries")
        for entry in entries.suffix(6) { print(AuditCommand.text(entry)) }
    }
}
