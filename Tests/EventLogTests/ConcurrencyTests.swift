@testable import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Concurrency and group commit", .timeLimit(.minutes(5)))
struct ConcurrencyTests {
    @Test("32 tasks × 1,000 appends: dense positions and versions, nothing lost, grouped commits")
    func concurrentAppends() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let tasks = 32
        let perTask = 1_000
        let acknowledged = try await withThrowingTaskGroup(of: [(EventID, UInt64)].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var mine: [(EventID, UInt64)] = []
                    for index in 0..<perTask {
                        let event = Sample.event("Probe", "\(task)/\(index)")
                        let result = try await log.append(AppendBatch(stream: "shared-\(index % 8)", events: [event]))
                        mine.append((event.id, result.positions.lowerBound))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [(EventID, UInt64)]()) { $0 += $1 }
        }
        let total = UInt64(tasks * perTask)
        #expect(acknowledged.count == tasks * perTask)
        #expect(Set(acknowledged.map(\.1)) == Set(1...total), "positions are not dense or repeat")
        #expect(Set(acknowledged.map(\.0)).count == tasks * perTask)
        for (id, position) in acknowledged.prefix(2_000) {
            #expect(try log.position(of: id) == position)
        }
        var byStream: [String: [UInt64]] = [:]
        var count: UInt64 = 0
        try log.scan { record in
            count += 1
            byStream[record.stream, default: []].append(record.streamVersion)
        }
        #expect(count == total)
        for (stream, versions) in byStream {
            #expect(versions == Array(1...UInt64(versions.count)), "\(stream) versions are not dense")
        }
        let stats = try log.statistics()
        #expect(stats.sessionAppendCalls == tasks * perTask)
        #expect(stats.sessionCommits < stats.sessionAppendCalls / 2, "group commit did not merge appends: \(stats)")
        #expect(stats.sessionLargestGroup > 1)
        #expect(try log.verify().events == total)
    }

    @Test("a conflicting append inside a group fails alone; the others commit")
    func conflictInGroup() async throws {
        let store = TemporaryStore()
        let log = try store.open(durability: .durable)
        try await log.append(Sample.batch("contested", count: 1))
        // Sixteen appenders queue behind a parked writer with the same expectation, so they are
        // decided in one group: exactly one may win.
        let resume = log.pauseWriter()
        let racers = (0..<16).map { index in
            Task {
                do {
                    try await log.append([
                        AppendBatch(stream: "contested", expected: .exact(1), events: [Sample.event()]),
                        Sample.batch("own-\(index)", .noStream),
                    ])
                    return true
                } catch let error as EventLogError where error.code == .wrongExpectedVersion {
                    return false
                }
            }
        }
        while log.queuedWriterJobs < 16 { await Task.yield() }
        resume()
        var outcomes: [Bool] = []
        for racer in racers { outcomes.append(try await racer.value) }
        #expect(outcomes.filter { $0 }.count == 1)
        #expect(try log.streamVersion("contested") == 2)
        let owned = try (0..<16).map { try log.streamVersion("own-\($0)") }
        #expect(owned.filter { $0 == 1 }.count == 1 && owned.filter { $0 == 0 }.count == 15, "a loser wrote its batch")
        #expect(try log.headPosition() == 3)
        let stats = try log.statistics()
        #expect(stats.sessionAppendCalls == 17)
        #expect(stats.sessionCommits == 2 && stats.sessionLargestGroup == 16, "the racers were not one group: \(stats)")
    }
}
