import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import Testing

@Suite("Projection runner", .timeLimit(.minutes(1)))
struct ProjectionRunnerTests {
    private func snapshots(_ store: TemporaryStore) throws -> SnapshotStore {
        try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
    }

    private func oneFold(_ log: EventLog) throws -> Projection<CountingProjector> {
        var whole = Projection(CountingProjector())
        try whole.catchUp(from: log, registry: .callstack)
        return whole
    }

    @Test("opening applies only the events after the snapshot, and gives the digest of one fold")
    func snapshotLoads() async throws {
        let store = TemporaryStore("runner")
        let log = try store.open()
        try await RandomLog.fill(log, events: 3_000, seed: 5)
        let first = try snapshots(store)
        let cold = try ProjectionRunner(CountingProjector(), log: log, snapshots: first).start()
        let snapshotAt = try log.headPosition()
        #expect(cold.snapshotPosition == nil && cold.eventsApplied == Int(snapshotAt))
        first.close()

        try await RandomLog.fill(log, events: 500, seed: 6)
        let head = try log.headPosition()
        let reopened = try snapshots(store)
        let runner = ProjectionRunner(CountingProjector(), log: log, snapshots: reopened)
        let warm = try runner.start()
        #expect(warm.snapshotPosition == snapshotAt)
        #expect(warm.eventsApplied == Int(head - snapshotAt), "no more than head − snapshot position events")
        #expect(runner.current.digest == (try oneFold(log)).digest)
        #expect(runner.current.position == head)
    }

    @Test("folding in random chunks with a restart from the stored snapshot after each gives the digest of one fold",
        arguments: [1, 2] as [UInt64])
    func restartsFromSnapshots(seed: UInt64) async throws {
        let store = TemporaryStore("runner")
        let log = try store.open()
        var generator = RandomLog.Seeded(seed: seed)
        var written = 0
        while written < 2_000 {
            let chunk = Int(generator.next() % 400) + 1
            try await RandomLog.fill(log, events: chunk, seed: generator.next())
            let before = try log.headPosition()
            let snapshots = try snapshots(store)
            let report = try ProjectionRunner(CountingProjector(), log: log, snapshots: snapshots, snapshotEvery: 1).start()
            snapshots.close()
            if written > 0 { #expect(report.snapshotPosition == UInt64(written)) }
            #expect(report.eventsApplied == Int(before) - written)
            written = Int(before)
        }
        let snapshots = try snapshots(store)
        let runner = ProjectionRunner(CountingProjector(), log: log, snapshots: snapshots)
        #expect(try runner.start().eventsApplied == 0)
        #expect(runner.current.digest == (try oneFold(log)).digest)
    }

    @Test("a snapshot of another projector version, another log or with corrupt state is discarded and rebuilt")
    func distrust() async throws {
        struct CountingV2: Projector {
            let inner = CountingProjector()
            let name = "counting"
            let version = 2
            var initialState: CountingProjector.State { inner.initialState }
            func apply(_ state: inout CountingProjector.State, _ event: DecodedEvent) { inner.apply(&state, event) }
            func writeCanonical(_ state: CountingProjector.State, to writer: inout CanonicalWriter) {
                inner.writeCanonical(state, to: &writer)
            }
            func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> CountingProjector.State {
                try inner.readCanonical(from: &reader)
            }
        }
        let store = TemporaryStore("runner")
        let log = try store.open()
        try await RandomLog.fill(log, events: 600, seed: 8)
        let head = try log.headPosition()
        let snapshots = try snapshots(store)
        try ProjectionRunner(CountingProjector(), log: log, snapshots: snapshots).start()

        let bumped = try ProjectionRunner(CountingV2(), log: log, snapshots: snapshots).start()
        #expect(bumped.snapshotPosition == nil && bumped.eventsApplied == Int(head))
        #expect(bumped.discarded == "corrupt snapshot: projector version 1, now 2")

        let other = TemporaryStore("runner-other")
        let otherLog = try other.open()
        try await RandomLog.fill(otherLog, events: 600, seed: 9)
        let foreign = try ProjectionRunner(CountingV2(), log: otherLog, snapshots: snapshots).start()
        #expect(foreign.discarded?.contains("no matching event at position") == true, "\(String(describing: foreign.discarded))")
        #expect(foreign.eventsApplied == Int(try otherLog.headPosition()))

        let good = try #require(try snapshots.load("counting"))
        var state = good.state
        state[state.count / 2] ^= 0x40
        try snapshots.save(Snapshot(
            projection: good.projection, projectorVersion: good.projectorVersion,
            upcasterFingerprint: good.upcasterFingerprint, position: good.position, chainHash: good.chainHash,
            digest: good.digest, state: state))
        let corrupt = try ProjectionRunner(CountingV2(), log: otherLog, snapshots: snapshots).start()
        #expect(corrupt.discarded == "corrupt snapshot: its state does not match its digest")
    }

    @Test("a snapshot folded through an upcaster of another revision is discarded")
    func upcasterRevision() async throws {
        let store = TemporaryStore("runner")
        let log = try store.open()
        try await RandomLog.fill(log, events: 300, seed: 16)
        let snapshots = try snapshots(store)
        try ProjectionRunner(CountingProjector(), log: log, snapshots: snapshots).start()
        let revised = try EventRegistry(EventRegistry.catalog.map { schema in
            guard schema.type == "OutcomeDefined", schema.version == 1 else { return schema }
            return EventSchema("OutcomeDefined", version: 1, Callstack_V1_OutcomeDefinedV1.self, revision: 2) { old in
                var new = Callstack_V1_OutcomeDefined()
                new.outcomeID = old.outcomeID
                return new
            }
        })
        #expect(revised.upcasterFingerprint == "OutcomeDefined v1>v2 r2")
        let report = try ProjectionRunner(CountingProjector(), log: log, registry: revised, snapshots: snapshots).start()
        #expect(report.discarded == "corrupt snapshot: the upcasters changed" && report.snapshotPosition == nil)
        #expect(report.eventsApplied == Int(try log.headPosition()))
    }

    @Test("the runner follows live appends in order, and a rebuild as of a position leaves the live state alone")
    func followAndRebuild() async throws {
        let store = TemporaryStore("runner")
        let log = try store.open()
        try await RandomLog.fill(log, events: 300, seed: 10)
        let runner = ProjectionRunner(CountingProjector(), log: log)
        try runner.start()
        let follower = Task { try await runner.follow() }
        try await RandomLog.fill(log, events: 700, seed: 11)
        let head = try log.headPosition()
        await runner.wait(until: head)
        #expect(runner.current.position == head)
        #expect(runner.current.digest == (try oneFold(log)).digest)

        let asOf = try runner.rebuild(until: 300)
        var upTo300 = Projection(CountingProjector())
        try upTo300.catchUp(from: log, registry: .callstack, until: 300)
        #expect(asOf.digest == upTo300.digest && asOf.position == 300)
        #expect(runner.current.position == head, "the isolated rebuild did not touch the live state")
        #expect(runner.query { $0.byType.values.reduce(0, +) } == Int(head))
        follower.cancel()
        _ = await follower.result
    }

    @Test("a catch-up while following does not stop the follower, and snapshotEvery .max never overflows")
    func catchUpWhileFollowing() async throws {
        let store = TemporaryStore("runner")
        let log = try store.open()
        try await RandomLog.fill(log, events: 100, seed: 12)
        let runner = ProjectionRunner(CountingProjector(), log: log, snapshots: try snapshots(store), snapshotEvery: .max)
        try runner.start()
        try await RandomLog.fill(log, events: 200, seed: 13)
        try runner.catchUp()
        let follower = Task { try await runner.follow() }
        try await RandomLog.fill(log, events: 300, seed: 14)
        try runner.catchUp()
        try await RandomLog.fill(log, events: 50, seed: 15)
        let head = try log.headPosition()
        await runner.wait(until: head)
        #expect(runner.current.digest == (try oneFold(log)).digest)
        follower.cancel()
        let ended = await follower.result
        #expect(throws: Never.self) { try ended.get() }
    }
}

@Suite("Canonical reader")
struct CanonicalReaderTests {
    @Test("what the writer wrote reads back; every truncation and bit flip is a typed error or a value, never a trap")
    func robust() throws {
        var state = CountingProjector.State()
        state.byType = ["A": 3, "B": 1]
        state.byStream = ["s-1": 4]
        state.clients = ["c": "Client C"]
        state.lastRecordedAt = -5
        let projector = CountingProjector()
        let bytes = projector.canonicalBytes(of: state)
        let back = try projector.state(fromCanonical: bytes)
        #expect(projector.digest(of: back) == projector.digest(of: state))
        for length in 0..<bytes.count {
            #expect(throws: ProjectionError.self) { try projector.state(fromCanonical: Array(bytes[0..<length])) }
        }
        for index in bytes.indices {
            var flipped = bytes
            flipped[index] ^= 0xFF
            _ = try? projector.state(fromCanonical: flipped)
        }
        #expect(throws: ProjectionError.self) { try projector.state(fromCanonical: bytes + [0]) }
        var reader = CanonicalReader([2])
        #expect(throws: ProjectionError.self) { try reader.readBool() }
    }
}
