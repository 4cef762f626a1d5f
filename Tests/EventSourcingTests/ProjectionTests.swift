import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import Projections
import SwiftProtobuf
import Testing

@Suite("Projections")
struct ProjectionTests {
    @Test("folding in random chunks, restarting from copied state, gives the digest of one fold", arguments: [1, 2, 3] as [UInt64])
    func chunkedFolds(seed: UInt64) async throws {
        let store = TemporaryStore("projection")
        let log = try store.open()
        try await RandomLog.fill(log, events: 2_000, seed: seed)
        let head = try log.headPosition()

        var whole = Projection(CountingProjector())
        try whole.catchUp(from: log, registry: .callstack)
        #expect(whole.position == head && whole.eventsApplied == Int(head))

        var generator = RandomLog.Seeded(seed: seed &* 31)
        var chunked = Projection(CountingProjector())
        while chunked.position < head {
            let step = generator.next() % 300 + 1
            try chunked.catchUp(from: log, registry: .callstack, until: chunked.position + step)
            // Restart from a "snapshot": a new projection from the copied state and position.
            chunked = Projection(CountingProjector(), state: chunked.state, position: chunked.position)
        }
        #expect(chunked.digest == whole.digest)
        #expect(whole.state.byType.values.reduce(0, +) == Int(head))
    }

    @Test("a fold that stops at a position equals a log that simply ended there")
    func untilPosition() async throws {
        let full = TemporaryStore("full")
        let fullLog = try full.open()
        try await RandomLog.fill(fullLog, events: 600, seed: 7)
        let short = TemporaryStore("short")
        let shortLog = try short.open()
        try await RandomLog.fill(shortLog, events: 300, seed: 7)
        let cut = try shortLog.headPosition()

        var stopped = Projection(CountingProjector())
        try stopped.catchUp(from: fullLog, registry: .callstack, until: cut)
        var ended = Projection(CountingProjector())
        try ended.catchUp(from: shortLog, registry: .callstack)
        #expect(stopped.position == cut && stopped.digest == ended.digest)

        var byTime = Projection(CountingProjector())
        let time = Date(timeIntervalSince1970: 1_800_000_000 + 299)
        try byTime.catchUp(from: fullLog, registry: .callstack, asOf: time)
        #expect(byTime.position == (try fullLog.position(at: time)) && byTime.position > 0)
    }

    @Test("old events arrive upcast to the current version")
    func upcastOnRead() async throws {
        struct Requirements: Projector {
            let name = "requirements"
            let version = 1
            var initialState: [Callstack_V1_OutcomeRequirement] { [] }
            func apply(_ state: inout [Callstack_V1_OutcomeRequirement], _ event: DecodedEvent) {
                if let outcome = event.message as? Callstack_V1_OutcomeDefined { state += outcome.requirements }
            }
            func writeCanonical(_ state: [Callstack_V1_OutcomeRequirement], to writer: inout CanonicalWriter) {
                for requirement in state { writer.write(requirement.rawValue) }
            }
            func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> [Callstack_V1_OutcomeRequirement] {
                var state: [Callstack_V1_OutcomeRequirement] = []
                while !reader.isAtEnd { state.append(Callstack_V1_OutcomeRequirement(rawValue: try reader.readInt()) ?? .unspecified) }
                return state
            }
        }
        let store = TemporaryStore("upcast")
        let log = try store.open()
        var old = Callstack_V1_OutcomeDefinedV1()
        old.requirements = ["Notes", "meeting"]
        try await log.append(AppendBatch(stream: "campaign-1", events: [
            ProposedEvent(type: "OutcomeDefined", schemaVersion: 1, payload: try old.serializedBytes()),
        ]))
        var projection = Projection(Requirements())
        try projection.catchUp(from: log, registry: .callstack)
        #expect(projection.state == [.notes, .meeting])
    }

    @Test("an event the registry does not know stops the fold with a typed error")
    func unknownType() async throws {
        let store = TemporaryStore("unknown")
        let log = try store.open()
        try await log.append(AppendBatch(stream: "s", events: [ProposedEvent(type: "Mystery", payload: [])]))
        var projection = Projection(CountingProjector())
        let error = #expect(throws: EventContractError.self) { try projection.catchUp(from: log, registry: .callstack) }
        #expect(error?.code == .unknownType && projection.position == 0)
    }

    @Test("the canonical writer ignores hash order; the planted leaky projector does not")
    func canonicalOrder() {
        // Two dictionaries with the same entries inserted in opposite orders, and enough of them
        // that their storage orders differ.
        let keys = (0..<64).map { "stream-\($0)" }
        var forwards: [String: Int] = [:]
        for key in keys { forwards[key] = 1 }
        var backwards: [String: Int] = [:]
        for key in keys.reversed() { backwards[key] = 1 }
        backwards.reserveCapacity(4_096)
        #expect(forwards == backwards)
        var canonical = CountingProjector.State()
        canonical.byStream = forwards
        var canonicalOther = CountingProjector.State()
        canonicalOther.byStream = backwards
        #expect(CountingProjector().digest(of: canonical) == CountingProjector().digest(of: canonicalOther))
        let leakyOrders = Array(forwards.keys) != Array(backwards.keys)
        #expect(leakyOrders, "the two dictionaries should iterate differently")
        let leak = PlantedLeakProjector()
        #expect(leak.digest(of: forwards.mapValues(UInt64.init)) != leak.digest(of: backwards.mapValues(UInt64.init)),
            "the leak went unnoticed")
    }
}
