import Benchmark
import EventLog
import Foundation

/// Appends and scans of the event log under ordo-one/benchmark, for regression tracking with
/// `swift package benchmark baseline update/check`. The side-by-side comparisons against raw LMDB
/// and SQLite live in `callstack bench log`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal], maxDuration: .seconds(5))

    let payload = [UInt8](repeating: 0x42, count: 200)

    func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("callstack-benchmark-\(name)-\(UUID().uuidString)").path
    }

    func batch(_ stream: String, _ count: Int) -> AppendBatch {
        AppendBatch(stream: stream, events: (0..<count).map { _ in ProposedEvent(type: "SampleEvent", actor: "bench", payload: payload) })
    }

    Benchmark("append 1,000-event batch, unsafeNoSync", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let path = scratch("append")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try EventLog.open(at: path, configuration: .init(durability: .unsafeNoSync))
        let batches = benchmark.scaledIterations.map { _ in batch("stream-\(Int.random(in: 0..<100))", 1_000) }
        benchmark.startMeasurement()
        for batch in batches { try await log.append(batch) }
        benchmark.stopMeasurement()
        log.close()
    }

    Benchmark("scan 100,000 events", configuration: .init(scalingFactor: .kilo)) { benchmark in
        let path = scratch("scan")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try EventLog.open(at: path, configuration: .init(durability: .unsafeNoSync))
        for index in 0..<100 { try await log.append(batch("stream-\(index)", 1_000)) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            var total = 0
            try log.scan { total &+= $0.payload.count }
            blackHole(total)
        }
        benchmark.stopMeasurement()
        log.close()
    }
}
