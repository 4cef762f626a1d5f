import CallStack
import CallStackDomain
import EventLog
import EventLogTestSupport
import EventSourcing
import CallStackEvents
import Foundation
import PersonalData
import Projections
import Testing
import Workload

/// The seeded workload generator: realistic, and the same seed gives the same log.
@Suite("Seeded workload generator", .timeLimit(.minutes(3)))
struct WorkloadTests {
    static let plan = WorkloadPlan(seed: 7, contactsPerCampaign: 40, callers: 2, days: 1)

    static func generate(_ plan: WorkloadPlan, _ name: String) async throws -> (Engine, WorkloadSummary, TemporaryStore) {
        let store = TemporaryStore(name)
        let engine = try Engine.open(at: store.path, keySource: .seeded(plan.seed), durability: .unsafeNoSync, stamps: .businessTime)
        let summary = try await GeneratedWorkload(plan: plan, folder: store.path + "-lists").run(on: engine)
        return (engine, summary, store)
    }

    @Test("the same seed gives a byte-identical log; another seed another")
    func deterministic() async throws {
        let (first, summary, firstStore) = try await Self.generate(Self.plan, "workload-a")
        let (second, again, secondStore) = try await Self.generate(Self.plan, "workload-b")
        var other = Self.plan
        other.seed = 8
        let (third, _, thirdStore) = try await Self.generate(other, "workload-c")
        defer { for engine in [first, second, third] { engine.close() }; _ = (firstStore, secondStore, thirdStore) }
        #expect(summary == again)
        let anchors = try [first, second, third].map { try $0.log.verify().head }
        #expect(anchors[0] == anchors[1], "the chain hash of the head covers every record's bytes")
        #expect(anchors[0] != anchors[2])
        var whole = Projection(QueueLanesProjector())
        try whole.catchUp(from: first.log, registry: .callstack)
        var chunked = Projection(QueueLanesProjector())
        let head = try first.log.headPosition()
        for until in stride(from: UInt64(97), to: head + 97, by: 97) { try chunked.catchUp(from: first.log, registry: .callstack, until: min(until, head)) }
        #expect(chunked.position == head && chunked.digest == whole.digest, "the lanes' digest is the same replayed whole or in chunks of 97")
        var sameSeed = Projection(QueueLanesProjector())
        try sameSeed.catchUp(from: second.log, registry: .callstack)
        #expect(sameSeed.digest == whole.digest, "and from the other store of the same seed")
        let records = try first.log.read(from: 1, limit: 1_000_000)
        let repeated = try second.log.read(from: 1, limit: 1_000_000)
        #expect(records.map(\.payload) == repeated.map(\.payload) && records.map(\.recordedAtMicros) == repeated.map(\.recordedAtMicros))
    }

    @Test("it is realistic: every role, messy rows rejected, calls with connects, meetings and callbacks, lanes filled")
    func realistic() async throws {
        let (engine, summary, store) = try await Self.generate(WorkloadPlan(seed: 11, contactsPerCampaign: 60, callers: 4, days: 2), "workload-real")
        defer { engine.close(); _ = store }
        let roles = Set(try engine.queries(as: "admin").workspace().members.values.compactMap(\.role))
        #expect(roles == [.teamAdmin, .campaignManager, .caller, .viewer])
        #expect(summary.importRejected > 0 && summary.imported > 100)
        #expect(summary.dials > 50 && summary.reservations >= summary.dials)
        #expect((summary.outcomes["meeting"] ?? 0) > 0 && (summary.outcomes["callback"] ?? 0) > 0 && (summary.outcomes["no-answer"] ?? 0) > 0)
        let lanes = try engine.queueLanes(at: BusinessTime(micros: WorkloadPlan.firstDayMicros + 2 * 86_400_000_000), asking: "admin")
        let total = Lane.allCases.reduce(0) { $0 + (lanes.campaigns["spring-renewals"]?.count($1) ?? 0) }
        #expect(total > 0)
    }
}
