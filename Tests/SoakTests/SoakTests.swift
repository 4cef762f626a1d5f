import EventLog
import EventLogTestSupport
import Foundation
import Testing

/// Long runs for `make soak`; `make test` skips this target. Counts come from the environment.
@Suite("Soak", .serialized)
struct SoakTests {
    static func count(_ name: String, _ fallback: Int) -> Int {
        Int(ProcessInfo.processInfo.environment[name] ?? "") ?? fallback
    }

    @Test("the map grows from 1 MiB past 1 GiB with no map-full error")
    func mapGrowthPastOneGiB() async throws {
        let target = Self.count("SOAK_MAP_BYTES", 1_200_000_000)
        let store = TemporaryStore("soak-map")
        let log = try store.open(initialMapSize: 1 << 20)
        let payload = [UInt8](repeating: 0x5A, count: 60_000)
        var events = 0
        while try log.statistics().mapSize < target {
            let batch = (0..<32).map { _ in ProposedEvent(type: "Bulk", payload: payload) }
            try await log.append(AppendBatch(stream: "bulk-\(events % 13)", events: batch))
            events += batch.count
        }
        let stats = try log.statistics()
        print("soak map: \(events) events, map \(stats.mapSize) bytes after \(stats.sessionMapGrowths) growths")
        #expect(stats.mapSize >= target && stats.events == UInt64(events))
        #expect(try log.verify().events == UInt64(events))
    }

    @Test("a million events round-trip through append, scan, subscription, reopen and verify")
    func millionRoundTrip() async throws {
        let total = Self.count("SOAK_EVENTS", 1_000_000)
        let store = TemporaryStore("soak-million")
        var log = try store.open()
        for start in stride(from: 0, to: total, by: 1_000) {
            let events = (start..<min(start + 1_000, total)).map { Sample.event("RoundTrip", "\($0)") }
            try await log.append(AppendBatch(stream: "round-\(start / 1_000 % 97)", events: events))
        }
        var expected = 0
        try log.scan { record in
            #expect(String(decoding: record.payload, as: UTF8.self) == "\(expected)")
            expected += 1
        }
        #expect(expected == total)
        var delivered = 0
        for try await event in log.subscribe(from: 1, batchSize: 4_096) {
            delivered += 1
            if event.position == UInt64(total) { break }
        }
        #expect(delivered == total)
        log.close()
        log = try store.open()
        #expect(try log.verify().events == UInt64(total))
    }
}
