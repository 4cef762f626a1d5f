import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import Projections
import SwiftProtobuf
import Testing

/// `callstack replay` folds the log in another process, whose Swift hashing is seeded differently:
/// its digests must equal the ones folded here.
@Suite("Replay across processes", .serialized, .timeLimit(.minutes(3)))
struct ReplayTests {
    /// A store of contract events, v1 and v2 mixed, over many streams.
    static func contractStore(events: Int) async throws -> TemporaryStore {
        let store = TemporaryStore("replay")
        let log = try store.open()
        var generator = SplitMix64(seed: 11)
        for index in 0..<events {
            let stream = "stream-\(generator.next() % 37)"
            let event: ProposedEvent
            if index % 3 == 0 {
                var old = Callstack_V1_OutcomeDefinedV1()
                old.requirements = ["notes"]
                event = ProposedEvent(type: "OutcomeDefined", schemaVersion: 1, payload: try old.serializedBytes())
            } else {
                var client = Callstack_V1_ClientAdded()
                client.clientID = "client-\(generator.next() % 50)"
                event = ProposedEvent(type: "ClientAdded", payload: try client.serializedBytes())
            }
            try await log.append(AppendBatch(stream: stream, events: [event]), at: Date(timeIntervalSince1970: 1_800_000_000 + Double(index)))
        }
        log.close()
        return store
    }

    static func replay(_ store: TemporaryStore, _ extra: [String] = []) throws -> [String: Any] {
        try replayAll(store, extra).first ?? [:]
    }

    /// Every projection's line of `callstack replay --json`.
    static func replayAll(_ store: TemporaryStore, _ extra: [String] = []) throws -> [[String: Any]] {
        let run = try CommandLineTool.run(["replay", "--store", store.path, "--json"] + extra)
        #expect(run.status == 0, "\(run.errorOutput)")
        return try run.output.split(separator: "\n").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
        }
    }

    @Test("the digest from another process equals this process's, for the whole log and up to a position")
    func sameDigestAcrossProcesses() async throws {
        let store = try await Self.contractStore(events: 400)
        let log = try store.open(durability: .durable)
        var whole = Projection(EventCountsProjector())
        try whole.catchUp(from: log, registry: .callstack)
        var partial = Projection(EventCountsProjector())
        try partial.catchUp(from: log, registry: .callstack, until: 150)
        log.close()

        let first = try Self.replay(store)
        let second = try Self.replay(store)
        #expect(first["digest"] as? String == whole.digest.description)
        #expect(second["digest"] as? String == whole.digest.description)
        #expect(first["events"] as? Int == 400 && first["projection"] as? String == "event-counts")

        let upTo = try Self.replay(store, ["--until", "150"])
        #expect(upTo["digest"] as? String == partial.digest.description && upTo["position"] as? Int == 150)
        let byTime = try Self.replay(store, ["--until", "2027-01-15T08:02:29Z"])
        #expect(byTime["digest"] as? String == partial.digest.description, "1,800,000,149 s is 2027-01-15T08:02:29Z")

        var progress = Projection(CampaignProgressProjector())
        let reopened = try store.open(durability: .durable)
        try progress.catchUp(from: reopened, registry: .callstack)
        reopened.close()
        let all = try Self.replayAll(store)
        #expect(all.map { $0["projection"] as? String } == ["event-counts", "campaign-progress", "contact-directory", "import-history"])
        #expect(all[1]["digest"] as? String == progress.digest.description)
    }

    @Test("the test of the test: a projector that leaks Dictionary order gives different digests in different processes")
    func plantedLeakIsCaught() async throws {
        let store = try await Self.contractStore(events: 200)
        let digests = try (0..<3).map { _ in
            try Self.replay(store, ["--projection", "planted-leak"])["digest"] as? String
        }
        #expect(digests.allSatisfy { $0?.count == 64 })
        #expect(Set(digests).count > 1, "three processes with randomly seeded hashing all wrote one order: \(digests)")
    }

    @Test("a store with events outside the contract is a clear error, and bad arguments are usage errors")
    func refusals() async throws {
        let store = TemporaryStore("replay-unknown")
        let log = try store.open()
        try await log.append(Sample.batch("s"))
        log.close()
        let unknown = try CommandLineTool.run(["replay", "--store", store.path])
        #expect(unknown.status != 0 && !unknown.crashed && unknown.errorOutput.contains("unknown-type"))
        let usage = try CommandLineTool.run(["replay", "--store", store.path, "--until", "soon"])
        #expect(usage.status == 64)
    }
}
