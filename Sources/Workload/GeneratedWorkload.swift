public import CallStack
import CallStackDomain
import Foundation

/// The seeded workload generator: a realistic workspace (members in every role, two clients, two
/// campaigns with full briefs), a messy list imported into each campaign, then days of calling.
/// Everything goes through the engine's commands, so the log is what a real deployment records;
/// with an engine opened with ``RecordedAtStamps/businessTime`` and a seeded key source, the same
/// plan gives a byte-identical log. The demo, the tests and the benchmarks use it.
public struct GeneratedWorkload: Sendable {
    public let plan: WorkloadPlan
    /// Where the generated CSV lists are written.
    public let folder: String

    public init(plan: WorkloadPlan, folder: String) {
        self.plan = plan
        self.folder = folder
    }

    /// The campaigns, in order.
    public var campaigns: [String] { plan.campaigns }

    /// Sets up, imports and calls; runs on an empty store.
    public func run(on engine: Engine) async throws -> WorkloadSummary {
        var summary = WorkloadSummary()
        let setup = WorkspaceSetup(plan: plan)
        for (id, member, command) in setup.commands() {
            summary.commands += 1
            let outcome = try await engine.handle(command, id: id, by: member, at: BusinessTime(micros: WorkloadPlan.firstDayMicros))
            guard case .accepted = outcome else { throw DomainRejection.invalidCommand("workload setup \(id): \(outcome)") }
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, campaign) in plan.campaigns.enumerated() {
            let path = (folder as NSString).appendingPathComponent("\(campaign)-list.csv")
            try Data(ContactListGenerator(plan: plan).csv(campaign: index).utf8).write(to: URL(fileURLWithPath: path))
            let result = try await engine.commitImport(
                file: path, importID: "\(campaign)-list", campaign: campaign, as: WorkspaceSetup.managers[index % 2],
                at: BusinessTime(micros: WorkloadPlan.firstDayMicros + 3_600_000_000))
            summary.imported += result.created
            summary.importRejected += result.rejected
        }
        var simulator = CallingSimulator(engine: engine, plan: plan)
        simulator.summary = summary
        return try await simulator.run()
    }

    /// The members the workload creates: the Team Admin, the Campaign Managers, the Viewer, the callers.
    public var admin: String { WorkspaceSetup.admin }
    public var callers: [String] { WorkspaceSetup(plan: plan).callerIDs() }
}
