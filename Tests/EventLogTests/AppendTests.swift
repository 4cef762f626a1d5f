@testable import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Appending", .timeLimit(.minutes(2)))
struct AppendTests {
    @Test("positions and stream versions are dense from 1")
    func densePositions() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let first = try await log.append(Sample.batch("a", .noStream, count: 3))
        let second = try await log.append(Sample.batch("b", count: 2))
        let third = try await log.append(Sample.batch("a", .exact(3), count: 1))
        #expect(first.positions == 1...3 && first.versions == 1...3)
        #expect(second.positions == 4...5 && second.versions == 1...2)
        #expect(third.positions == 6...6 && third.versions == 4...4)
        #expect(try log.headPosition() == 6)
        #expect(try log.read(stream: "a").map(\.position) == [1, 2, 3, 6])
        #expect(try log.read(stream: "a", from: .max, direction: .backwards, limit: 2).map(\.streamVersion) == [4, 3])
        #expect(try log.read(from: 1, limit: 100).map(\.position) == Array(1...6))
    }

    /// The optimistic-concurrency matrix: each expectation against a missing, an empty-free, and a
    /// three-event stream.
    @Test(
        "expected version matrix",
        arguments: [
            (ExpectedVersion.any, 0 as UInt64, true), (.any, 3, true),
            (.noStream, 0, true), (.noStream, 3, false),
            (.streamExists, 0, false), (.streamExists, 3, true),
            (.exact(0), 0, true), (.exact(0), 3, false),
            (.exact(3), 3, true), (.exact(2), 3, false), (.exact(4), 3, false), (.exact(3), 0, false),
        ])
    func expectedVersionMatrix(expected: ExpectedVersion, existing: UInt64, accepted: Bool) async throws {
        let store = TemporaryStore()
        let log = try store.open()
        if existing > 0 { try await log.append(Sample.batch("s", count: Int(existing))) }
        do {
            let result = try await log.append(Sample.batch("s", expected))
            #expect(accepted, "\(expected) should have been rejected at version \(existing)")
            #expect(result.streamVersion == existing + 1)
        } catch let error as EventLogError {
            #expect(!accepted, "\(expected) should have been accepted at version \(existing): \(error)")
            #expect(error.code == .wrongExpectedVersion && error.stream == "s")
            #expect(try log.streamVersion("s") == existing, "a rejected append wrote something")
        }
    }

    @Test("re-appending the same ids and content is idempotent")
    func idempotentReappend() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("other", count: 2))
        let batch = Sample.batch("s", .noStream, count: 3)
        let original = try await log.append(batch)
        let again = try await log.append(batch)
        #expect(again.positions == original.positions && again.versions == original.versions)
        #expect(again.wasDuplicate && !original.wasDuplicate)
        #expect(try log.headPosition() == 5)
    }

    @Test("a duplicate inside a group is idempotent and the group's other appends commit")
    func duplicateInsideGroup() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let earlier = Sample.batch("s", count: 2)
        let original = try await log.append(earlier)
        // Three appends decided in one group: new, a replay of `earlier` with .any, new.
        let resume = log.pauseWriter()
        let first = Task { try await log.append(Sample.batch("a")) }
        while log.queuedWriterJobs < 1 { await Task.yield() }
        let replay = Task { try await log.append(earlier) }
        while log.queuedWriterJobs < 2 { await Task.yield() }
        let last = Task { try await log.append(Sample.batch("b")) }
        while log.queuedWriterJobs < 3 { await Task.yield() }
        resume()
        let replayed = try await replay.value
        #expect(replayed.wasDuplicate && replayed.positions == original.positions)
        #expect(try await first.value.positions == 3...3)
        #expect(try await last.value.positions == 4...4)
        #expect(try log.statistics().sessionLargestGroup == 3)
        #expect(try log.verify().events == 4)
    }

    @Test("stream reads cross batch boundaries both ways")
    func streamReadsAcrossRuns() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        for round in 0..<5 {
            try await log.append([Sample.batch("s", count: round + 1), Sample.batch("other-\(round)")])
        }
        // Stream s holds versions 1...15 in five runs of 1...5 events.
        #expect(try log.read(stream: "s").map(\.streamVersion) == Array(1...15))
        #expect(try log.read(stream: "s", from: 5, limit: 4).map(\.streamVersion) == [5, 6, 7, 8])
        #expect(try log.read(stream: "s", from: 8, direction: .backwards, limit: 5).map(\.streamVersion) == [8, 7, 6, 5, 4])
        #expect(try log.read(stream: "s", from: 16).isEmpty && (try log.read(stream: "absent")).isEmpty)
        let positions = try log.read(stream: "s").map(\.position)
        #expect(positions == positions.sorted() && Set(positions).count == 15)
        #expect(try log.verify().streamIndexRuns == 10)
    }

    @Test("the same id with other content is a typed error and writes nothing")
    func conflictingID() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let event = Sample.event("Created", "one")
        try await log.append(AppendBatch(stream: "s", events: [event]))
        var changed = event
        changed.payload = Array("two".utf8)
        let error = await #expect(throws: EventLogError.self) {
            try await log.append(AppendBatch(stream: "s", events: [changed, Sample.event()]))
        }
        #expect(error?.code == .eventIDConflict && error?.position == 1)
        let partial = await #expect(throws: EventLogError.self) {
            try await log.append(AppendBatch(stream: "s", events: [event, Sample.event()]))
        }
        #expect(partial?.code == .eventIDConflict)
        #expect(try log.headPosition() == 1)
    }

    @Test("a failing multi-stream append writes nothing")
    func atomicMultiStream() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("taken", count: 1))
        let error = await #expect(throws: EventLogError.self) {
            try await log.append([Sample.batch("fresh", count: 2), Sample.batch("taken", .noStream)])
        }
        #expect(error?.code == .wrongExpectedVersion && error?.stream == "taken")
        #expect(try log.headPosition() == 1)
        #expect(try log.streamVersion("fresh") == 0)
        let both = try await log.append([Sample.batch("fresh", count: 2), Sample.batch("taken", .exact(1))])
        #expect(both.batches.map(\.positions) == [2...3, 4...4])
    }

    @Test("two batches to one stream in one call see each other")
    func sameStreamTwice() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let result = try await log.append([Sample.batch("s", .noStream, count: 2), Sample.batch("s", .exact(2))])
        #expect(result.batches.map(\.versions) == [1...2, 3...3])
        let rejected = await #expect(throws: EventLogError.self) {
            try await log.append([Sample.batch("t", .noStream), Sample.batch("t", .noStream)])
        }
        #expect(rejected?.code == .wrongExpectedVersion)
        #expect(try log.headPosition() == 3)
    }

    enum InvalidBatch: String, CaseIterable {
        case emptyStream, longStream, noEvents, emptyType, zeroID, longActor

        var batch: AppendBatch {
            switch self {
            case .emptyStream: AppendBatch(stream: "", events: [Sample.event()])
            case .longStream: AppendBatch(stream: String(repeating: "x", count: 481), events: [Sample.event()])
            case .noEvents: AppendBatch(stream: "s", events: [])
            case .emptyType: AppendBatch(stream: "s", events: [ProposedEvent(type: "", payload: [])])
            case .zeroID: AppendBatch(stream: "s", events: [ProposedEvent(id: EventID(high: 0, low: 0), type: "T", payload: [])])
            case .longActor:
                AppendBatch(stream: "s", events: [ProposedEvent(type: "T", actor: String(repeating: "a", count: 481), payload: [])])
            }
        }
    }

    @Test("invalid input is a typed error", arguments: InvalidBatch.allCases)
    func invalidInput(case invalid: InvalidBatch) async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let error = await #expect(throws: EventLogError.self) { try await log.append(invalid.batch) }
        #expect(error?.code == .invalidArgument)
        #expect(try log.headPosition() == 0)
    }

    @Test("a repeated id inside one append is rejected")
    func repeatedIDInAppend() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let event = Sample.event()
        let error = await #expect(throws: EventLogError.self) {
            try await log.append(AppendBatch(stream: "s", events: [event, event]))
        }
        #expect(error?.code == .invalidArgument)
    }

    @Test("recorded-at never goes backwards and maps back to positions")
    func monotonicRecordedAt() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let base = Date(timeIntervalSince1970: 1_800_000_000)
        try await log.append(Sample.batch("s"), at: base)
        try await log.append(Sample.batch("s"), at: base.addingTimeInterval(-60))
        try await log.append(Sample.batch("s"), at: base.addingTimeInterval(10))
        let stamps = try log.read(from: 1).map(\.recordedAtMicros)
        #expect(stamps == [1_800_000_000_000_000, 1_800_000_000_000_000, 1_800_000_010_000_000])
        #expect(try log.position(at: base.addingTimeInterval(-1)) == nil)
        #expect(try log.position(at: base) == 2)
        #expect(try log.position(at: base.addingTimeInterval(9)) == 2)
        #expect(try log.position(at: base.addingTimeInterval(10)) == 3)
    }

    @Test("every envelope field round-trips")
    func envelopeRoundTrip() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let correlation = EventID.make()
        let event = ProposedEvent(
            type: "ContactImported", schemaVersion: 3, actor: "member-7", correlationID: correlation,
            causationID: nil, payload: [0, 1, 2, 255])
        try await log.append(AppendBatch(stream: "contact-1", events: [event]), at: Date(timeIntervalSince1970: 5))
        let stored = try #require(try log.read(from: 1).first)
        #expect(stored.id == event.id && stored.type == "ContactImported" && stored.schemaVersion == 3)
        #expect(stored.actor == "member-7" && stored.correlationID == correlation && stored.causationID == nil)
        #expect(stored.payload == [0, 1, 2, 255] && stored.stream == "contact-1" && stored.recordedAtMicros == 5_000_000)
        #expect(stored.chainHash == (try log.head()).hash)
    }

    @Test("appends after close fail with .closed")
    func closed() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        log.close()
        let error = await #expect(throws: EventLogError.self) { try await log.append(Sample.batch("s")) }
        #expect(error?.code == .closed)
    }

    @Test("a reopened store continues the positions, versions and chain")
    func reopen() async throws {
        let store = TemporaryStore()
        do {
            let log = try store.open()
            try await log.append(Sample.batch("s", count: 2))
            log.close()
        }
        let log = try store.open()
        let next = try await log.append(Sample.batch("s", .exact(2)))
        #expect(next.positions == 3...3 && next.versions == 3...3)
        #expect(try log.verify().events == 3)
    }

    @Test("an id re-used with canonically equal but differently encoded text is a conflict")
    func byteExactIdempotency() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let composed = ProposedEvent(type: "caf\u{E9}", payload: [1])
        try await log.append(AppendBatch(stream: "s", events: [composed]))
        var decomposed = composed
        decomposed.type = "cafe\u{301}"
        #expect(decomposed.type == composed.type, "Swift compares them equal")
        let error = await #expect(throws: EventLogError.self) {
            try await log.append(AppendBatch(stream: "s", events: [decomposed]))
        }
        #expect(error?.code == .eventIDConflict)
    }

    @Test("a time that is not finite is a typed error")
    func nonFiniteTime() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let nan = Date(timeIntervalSince1970: .nan)
        let error = await #expect(throws: EventLogError.self) { try await log.append(Sample.batch("s"), at: nan) }
        #expect(error?.code == .invalidArgument)
        #expect(throws: EventLogError.self) { try log.position(at: nan) }
        #expect(try log.headPosition() == 0)
    }
}
