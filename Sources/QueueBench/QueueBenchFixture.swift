public import CallStack
import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import PersonalData
public import Projections
public import Workload

/// A generated bulk workload in a scratch store, for the ordo-one/benchmark suite
/// (`Benchmarks/QueueLanes`): replay it into the lanes, or time selections on the result.
public final class QueueBenchFixture: Sendable {
    public let engine: Engine
    public let plan: WorkloadPlan
    public let directory: String

    private init(engine: Engine, plan: WorkloadPlan, directory: String) {
        self.engine = engine
        self.plan = plan
        self.directory = directory
    }

    /// Generates `plan` in bulk in a new scratch folder.
    public static func generate(_ plan: WorkloadPlan) async throws -> QueueBenchFixture {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("callstack-queue-fixture-\(UUID().uuidString)").path
        let engine = try Engine.open(at: directory, keySource: .seeded(plan.seed), durability: .unsafeNoSync, stamps: .businessTime)
        _ = try await BulkWorkload(plan: plan).run(on: engine)
        return QueueBenchFixture(engine: engine, plan: plan, directory: directory)
    }

    /// The whole log folded into the lanes from zero.
    public func replay() throws -> QueueLanesState {
        var lanes = Projection(QueueLanesProjector())
        try lanes.catchUp(from: engine.log, registry: .callstack)
        return lanes.state
    }

    /// The lanes moved into the last day's shift, as the selections find them.
    public func lanesAtLastShift() throws -> QueueLanesState {
        var state = try replay()
        state.advance(to: BulkWorkload(plan: plan).endMicros - 5 * 3_600_000_000)
        return state
    }

    /// Closes and removes the scratch store.
    public func remove() {
        engine.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
