import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Subscriptions", .timeLimit(.minutes(2)))
struct SubscriptionTests {
    @Test("a subscription racing appends during catch-up delivers each event once, in order")
    func catchUpRace() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        for _ in 0..<50 { try await log.append(Sample.batch("before", count: 20)) }
        let total = 1_000 + 4 * 250 * 3
        let received = Task {
            var positions: [UInt64] = []
            for try await event in log.subscribe(from: 1, batchSize: 64) {
                positions.append(event.position)
                if positions.count == total { break }
            }
            return positions
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    for _ in 0..<250 { try await log.append(Sample.batch("live-\(writer)", count: 3)) }
                }
            }
            try await group.waitForAll()
        }
        let positions = try await received.value
        #expect(positions == Array(1...UInt64(total)))
    }

    @Test("a subscription from the middle starts there and follows new appends")
    func fromMiddle() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("s", count: 10))
        var iterator = log.subscribe(from: 7).makeAsyncIterator()
        var seen: [UInt64] = []
        for _ in 0..<4 { seen.append(try #require(try await iterator.next()).position) }
        let waiting = Task { try await iterator.next()?.position }
        try await log.append(Sample.batch("s", count: 1))
        #expect(seen == [7, 8, 9, 10])
        #expect(try await waiting.value == 11)
    }

    @Test("closing the log ends a waiting subscription")
    func closeEnds() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("s"))
        let consumer = Task {
            var count = 0
            for try await _ in log.subscribe() { count += 1 }
            return count
        }
        while try log.headPosition() < 1 { await Task.yield() }
        // The consumer may or may not have caught up yet; close must end it either way.
        log.close()
        #expect(try await consumer.value <= 1)
    }

    @Test("cancelling the task ends a waiting subscription")
    func cancelEnds() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let consumer = Task {
            for try await _ in log.subscribe() {}
            return true
        }
        consumer.cancel()
        #expect(try await consumer.value)
    }
}
