import Benchmark
import EventLog
import Foundation
import Synchronization

/// Appends and scans of the event log under ordo-one/benchmark, for regression tracking with
/// `swift package benchmark baseline update/check`. The side-by-side comparisons against raw LMDB
/// and SQLite live in `callstack bench log`.
let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal]

    // One sample appends one batch of 1,000 events to a store that lives for the whole benchmark.
    Benchmark(
        "append 1,000-event batch, unsafeNoSync",
        configuration: .init(metrics: metrics, maxDuration: .seconds(5)),
        closure: { benchmark in
            let log = try appendStore.log()
            let batches = benchmark.scaledIterations.map { _ in sampleBatch(events: 1_000) }
            benchmark.startMeasurement()
            for batch in batches { try await log.append(batch) }
            benchmark.stopMeasurement()
        },
        setup: { try await appendStore.open(filledWith: 0) },
        teardown: { appendStore.remove() })

    // One sample reads 100,000 events through zero-copy views.
    Benchmark(
        "scan 100,000 events",
        configuration: .init(metrics: metrics, maxDuration: .seconds(5)),
        closure: { benchmark in
            let log = try scanStore.log()
            for _ in benchmark.scaledIterations {
                var total = 0
                try log.scan { total &+= $0.payload.count }
                blackHole(total)
            }
        },
        setup: { try await scanStore.open(filledWith: 100_000) },
        teardown: { scanStore.remove() })
}

let appendStore = BenchmarkStore(name: "append")
let scanStore = BenchmarkStore(name: "scan")

/// A scratch store opened by a benchmark's setup and removed by its teardown.
final class BenchmarkStore: Sendable {
    private let name: String
    private let state = Mutex<(path: String, log: EventLog)?>(nil)

    init(name: String) { self.name = name }

    func open(filledWith events: Int) async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("callstack-benchmark-\(name)-\(UUID().uuidString)").path
        let log = try EventLog.open(at: path, configuration: .init(durability: .unsafeNoSync))
        for _ in stride(from: 0, to: events, by: 1_000) { try await log.append(sampleBatch(events: 1_000)) }
        state.withLock { $0 = (path, log) }
    }

    func log() throws -> EventLog {
        guard let log = state.withLock({ $0?.log }) else { throw CocoaError(.fileNoSuchFile) }
        return log
    }

    func remove() {
        guard let (path, log) = state.withLock({ state in defer { state = nil }; return state }) else { return }
        log.close()
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// 1,000 events of 200-byte payloads to one of 100 streams, like `callstack bench log`.
func sampleBatch(events: Int) -> AppendBatch {
    let payload = [UInt8](repeating: 0x42, count: 200)
    return AppendBatch(
        stream: "stream-\(Int.random(in: 0..<100))",
        events: (0..<events).map { _ in ProposedEvent(type: "SampleEvent", actor: "bench", payload: payload) })
}
