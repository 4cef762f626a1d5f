import Benchmark
import Foundation
import Projections
import QueueBench
import Synchronization
import Workload

/// The queue lanes under ordo-one/benchmark, for regression tracking with
/// `swift package benchmark baseline update/check`: a replay of the generator's bulk workload
/// (20,000 contacts, 20 callers, 5 days) into the lanes, and `next` selections with leases. The
/// full-scale figures (1M contacts, 200 callers, 30 days) come from `callstack bench queue`.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]

    Benchmark(
        "replay into queue lanes (20k contacts, 20 callers, 5 days)",
        configuration: .init(metrics: metrics, maxDuration: .seconds(10)),
        closure: { benchmark in
            let fixture = try workload.fixture()
            for _ in benchmark.scaledIterations { blackHole(try fixture.replay().clock) }
        },
        setup: { try await workload.generate() },
        teardown: { workload.remove() })

    Benchmark(
        "next: 1,000 selections with leases",
        configuration: .init(metrics: metrics, maxDuration: .seconds(10)),
        closure: { benchmark in
            let fixture = try workload.fixture()
            let lanes = try fixture.lanesAtLastShift()
            for _ in benchmark.scaledIterations {
                var state = lanes
                benchmark.startMeasurement()
                let (_, empty) = QueueBench.selections(&state, plan: fixture.plan, samples: 1_000, at: state.clock)
                benchmark.stopMeasurement()
                blackHole(empty)
            }
        },
        setup: { try await workload.generate() },
        teardown: { workload.remove() })
}

let workload = SharedFixture(plan: WorkloadPlan(seed: 42, contactsPerCampaign: 10_000, callers: 20, days: 5))

/// The generated store, made by a benchmark's setup and removed by its teardown.
final class SharedFixture: Sendable {
    let plan: WorkloadPlan
    private let state = Mutex<QueueBenchFixture?>(nil)

    init(plan: WorkloadPlan) { self.plan = plan }

    func generate() async throws {
        let fixture = try await QueueBenchFixture.generate(plan)
        state.withLock { $0 = fixture }
    }

    func fixture() throws -> QueueBenchFixture {
        guard let fixture = state.withLock({ $0 }) else { throw CocoaError(.fileNoSuchFile) }
        return fixture
    }

    func remove() {
        state.withLock { fixture in
            fixture?.remove()
            fixture = nil
        }
    }
}
