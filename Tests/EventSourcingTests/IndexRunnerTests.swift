import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import Projections
import SwiftProtobuf
import Testing

@Suite("Index runner and the audit trail", .timeLimit(.minutes(1)))
struct IndexRunnerTests {
    private func store(_ store: TemporaryStore) throws -> SnapshotStore {
        try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
    }

    @Test("a subject's trail is exactly its events, in log order")
    func trail() async throws {
        let temporary = TemporaryStore("index")
        let log = try temporary.open()
        try await RandomLog.fill(log, events: 1_500, seed: 3)
        let runner = IndexRunner(AuditTrailProjector(), log: log, store: try store(temporary), batchSize: 100)
        #expect(try runner.catchUp() == 1_500)
        let all = try log.read(from: 1, limit: 2_000)
        for stream in ["stream-0", "stream-7", "stream-39"] {
            let subject = AuditTrailProjector.Subject.stream(stream)
            let trail = AuditTrailProjector.positions(in: try runner.keys(prefix: subject.prefix), of: subject)
            #expect(trail == all.filter { $0.stream == stream }.map(\.position), "\(stream)")
            #expect(!trail.isEmpty)
        }
        #expect(try runner.keys(prefix: AuditTrailProjector.Subject.stream("stream-1").prefix).count
            == all.filter { $0.stream == "stream-1" }.count, "stream-1 is not confused with stream-10…19")
    }

    @Test("a stream whose name extends another's with a NUL does not leak into its trail")
    func prefixBleed() async throws {
        let temporary = TemporaryStore("index")
        let log = try temporary.open()
        var client = Callstack_V1_ClientAdded()
        client.clientID = "c"
        let payload: [UInt8] = try client.serializedBytes()
        try await log.append([
            AppendBatch(stream: "a", events: [ProposedEvent(type: "ClientAdded", payload: payload)]),
            AppendBatch(stream: "a\u{0}b", events: [ProposedEvent(type: "ClientAdded", payload: payload)]),
        ])
        let runner = IndexRunner(AuditTrailProjector(), log: log, store: try store(temporary))
        try runner.catchUp()
        let subject = AuditTrailProjector.Subject.stream("a")
        #expect(AuditTrailProjector.positions(in: try runner.keys(prefix: subject.prefix), of: subject) == [1])
    }

    @Test("catching up in pieces across restarts gives the index of one catch-up")
    func restarts() async throws {
        let temporary = TemporaryStore("index")
        let log = try temporary.open()
        var generator = RandomLog.Seeded(seed: 4)
        for _ in 0..<6 {
            try await RandomLog.fill(log, events: Int(generator.next() % 300) + 1, seed: generator.next())
            let snapshots = try store(temporary)
            let before = try IndexRunner(AuditTrailProjector(), log: log, store: snapshots).position
            let applied = try IndexRunner(AuditTrailProjector(), log: log, store: snapshots, batchSize: 64).catchUp()
            #expect(UInt64(applied) == (try log.headPosition()) - before, "only the events after the checkpoint")
            snapshots.close()
        }
        let piecewise = try store(temporary)
        let digest = try IndexRunner(AuditTrailProjector(), log: log, store: piecewise).digest()
        piecewise.close()

        let other = TemporaryStore("index-fresh")
        let fresh = try SnapshotStore.open(at: SnapshotStore.folder(forStore: other.path), durability: .unsafeNoSync)
        let whole = IndexRunner(AuditTrailProjector(), log: log, store: fresh)
        try whole.catchUp()
        #expect(try whole.digest() == digest)
    }

    @Test("an index of another version or another log is emptied and rebuilt")
    func distrust() async throws {
        struct AuditV2: IndexProjector {
            let name = "audit-trail"
            let version = AuditTrailProjector().version + 1
            func keys(for event: DecodedEvent) -> [[UInt8]] { AuditTrailProjector().keys(for: event) }
        }
        let temporary = TemporaryStore("index")
        let log = try temporary.open()
        try await RandomLog.fill(log, events: 400, seed: 5)
        let snapshots = try store(temporary)
        try IndexRunner(AuditTrailProjector(), log: log, store: snapshots).catchUp()
        #expect(try IndexRunner(AuditV2(), log: log, store: snapshots).catchUp() == Int(try log.headPosition()), "a new version rebuilds")

        let other = TemporaryStore("index-other")
        let otherLog = try other.open()
        try await RandomLog.fill(otherLog, events: 300, seed: 6)
        let foreign = IndexRunner(AuditV2(), log: otherLog, store: snapshots)
        let otherHead = Int(try otherLog.headPosition())
        #expect(try foreign.catchUp() == otherHead, "the checkpoint's chain hash is not this log's: rebuilt")
        let indexed = try foreign.keys().filter { $0.starts(with: Array("stream:".utf8)) }.count
        #expect(indexed == otherHead, "nothing of the first log's index is left")
    }

    @Test("the runner follows live appends")
    func follows() async throws {
        let temporary = TemporaryStore("index")
        let log = try temporary.open()
        try await RandomLog.fill(log, events: 100, seed: 7)
        let runner = IndexRunner(AuditTrailProjector(), log: log, store: try store(temporary))
        let follower = Task { try await runner.follow() }
        try await RandomLog.fill(log, events: 200, seed: 8)
        let head = try log.headPosition()
        await runner.wait(until: head)
        #expect(try runner.position == head)
        follower.cancel()
        _ = await follower.result
    }
}
