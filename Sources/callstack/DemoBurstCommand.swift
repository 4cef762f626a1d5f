import ArgumentParser
import CallStack
import EventLog
import EventSourcing
import Foundation
import LogBench

struct DemoBurstCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burst",
        abstract: "Write a burst of campaign events from concurrent writers, then print stats and verification.",
        discussion: """
            Sets up a workspace and a campaign, imports contacts in atomic multi-stream appends, then lets \
            concurrent callers dial and save outcomes with optimistic concurrency. Run it again to add \
            another campaign to the same store.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var durabilityOption: DurabilityOption

    @Option(help: "Contacts to import.")
    var contacts = 2_000

    @Option(help: "Concurrent callers.")
    var callers = 8

    @Option(help: "Calls each caller makes.")
    var calls = 150

    func validate() throws {
        guard contacts > 0, callers > 0, calls >= 0 else {
            throw ValidationError("--contacts and --callers must be positive, --calls not negative")
        }
    }

    func run() async throws {
        let engine = try storeOptions.openEngine(durability: durabilityOption.durability)
        let log = engine.log
        print("store        \(storeOptions.store) (\(log.durability))")
        let workload = DemoWorkload(engine: engine, contacts: contacts, callers: callers, calls: calls)
        let run = try log.headPosition()
        let started = ContinuousClock.now
        let summary = try await workload.run()
        let seconds = (ContinuousClock.now - started).seconds
        print(
            "burst        \(summary.events) events in \(summary.appends) appends by \(callers) callers, "
                + String(format: "%.2f s, %.0f events/s", seconds, Double(summary.events) / max(seconds, 1e-9)))
        print("conflicts    \(summary.conflicts) appends lost an optimistic-concurrency race and were retried")
        print(StatisticsText(try log.statistics()).lines.joined(separator: "\n"))
        let progress = ProgressBar(label: "verify")
        let report = try log.verify { progress.update($0, of: $1) }
        progress.finish()
        print(
            "verify       ok: \(report.events) records, chain, \(report.streams) streams and both indexes; "
                + "anchor \(report.head)")
        print("projections  " + snapshotProjections(log))
        print("personal     names, phones and emails sealed per contact; keys in \(storeOptions.store)/keys")
        print("try          callstack forget contact \(workload.contactID(run, 0)) --as \(DemoWorkload.admin)")
    }
}

extension DemoBurstCommand {
    /// Brings the projections' snapshots up to the head, for `callstack verify` to compare; a store
    /// holding events outside the contract cannot be projected, which the demo reports and survives.
    private func snapshotProjections(_ log: EventLog) -> String {
        do {
            let snapshots = try SnapshotStore.open(at: SnapshotStore.folder(forStore: storeOptions.store))
            defer { snapshots.close() }
            let position = try ReplayCatalog.snapshotAll(log: log, snapshots: snapshots)
            return "\(ReplayCatalog.names.joined(separator: ", ")) snapshotted at \(position)"
        } catch {
            return "not snapshotted: \(error)"
        }
    }
}
