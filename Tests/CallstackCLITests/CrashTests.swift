import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import Projections
import SwiftProtobuf
import Testing

/// Kills a durable writer with SIGKILL again and again; nothing it acknowledged may be lost.
@Suite("Crash safety", .serialized)
struct CrashTests {
    struct Cycle {
        var acknowledged: [String: [EventID]] = [:]
        var inFlight: [String: [EventID]] = [:]
    }

    @Test("SIGKILL at random moments loses no acknowledged event and leaves nothing partial")
    func killCycles() throws {
        let store = TemporaryStore("crash")
        let cycles = Int(ProcessInfo.processInfo.environment["CRASH_CYCLES"] ?? "") ?? 20
        var generator = SystemRandomNumberGenerator()
        var killsInFlight = 0
        var totalAcknowledged = 0
        for cycle in 0..<cycles {
            let stopAfter = Int.random(in: 1...400, using: &generator)
            let outcome = try runAndKill(store: store, afterAcks: stopAfter)
            if !outcome.inFlight.isEmpty { killsInFlight += 1 }
            totalAcknowledged += outcome.acknowledged.count
            let log = try store.open(durability: .durable)
            defer { log.close() }
            let report = try log.verify()
            #expect(report.events > 0, "cycle \(cycle): the store is empty")
            for (tag, ids) in outcome.acknowledged {
                for id in ids { #expect(try log.position(of: id) != nil, "cycle \(cycle): acknowledged \(tag) lost \(id)") }
            }
            for (tag, ids) in outcome.inFlight {
                let present = try ids.filter { try log.position(of: $0) != nil }.count
                #expect(present == 0 || present == ids.count, "cycle \(cycle): append \(tag) is partial")
            }
        }
        print("crash test: \(cycles) kills, \(killsInFlight) with an append in flight, \(totalAcknowledged) appends acknowledged")
        #expect(killsInFlight > 0, "no kill landed while an append was in flight")
    }

    /// Runs the crash writer until it has acknowledged `afterAcks` appends, then kills it.
    private func runAndKill(store: TemporaryStore, afterAcks: Int) throws -> Cycle {
        let (process, lines) = try CommandLineTool.start([
            "log", "crash-writer", "--store", store.path, "--durability", "durable", "--map-size", "1048576",
        ])
        var cycle = Cycle()
        var acks = 0
        var killed = false
        while let line = lines.nextLine() {
            let words = line.split(separator: " ").map(String.init)
            if words.first == "ready" { #expect(words.last == "durable", "the crash writer is not durable") }
            if words.first == "send", words.count > 2 { cycle.inFlight[words[1]] = words.dropFirst(2).compactMap(EventID.init) }
            if words.first == "ack", words.count > 1, let ids = cycle.inFlight.removeValue(forKey: words[1]) {
                cycle.acknowledged[words[1]] = ids
                acks += 1
                if acks == afterAcks && !killed {
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                }
            }
        }
        process.waitUntilExit()
        #expect(killed && process.terminationReason == .uncaughtSignal, "the writer ended on its own: \(process.terminationStatus)")
        return cycle
    }

    @Test("a reader killed inside its read transaction leaves a slot that the next open clears")
    func staleReaderSlot() async throws {
        let store = TemporaryStore("reader")
        // This process keeps the store open, so the lock file (and the dead reader's slot in it)
        // outlives the reader; a store nobody has open gets a fresh lock table instead.
        let log = try store.open()
        defer { log.close() }
        try await log.append(Sample.batch("s", count: 3))
        let (process, lines) = try CommandLineTool.start(["log", "crash-reader", "--store", store.path])
        #expect(lines.nextLine() == "reading")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let stats = try CommandLineTool.run(["log", "stats", "--store", store.path])
        #expect(stats.output.contains("readers      1 stale reader slots of dead processes cleared"), "\(stats.output)")
        #expect(try log.verify().events == 3)
    }
}

/// The audit-trail index writes each batch's keys and its checkpoint in one transaction: a kill at
/// any moment leaves an index that is exactly the index of the log up to its checkpoint.
@Suite("Index crash safety", .serialized, .timeLimit(.minutes(3)))
struct IndexCrashTests {
    @Test("SIGKILL during an index catch-up never leaves keys and checkpoint apart")
    func killDuringCatchUp() async throws {
        let store = TemporaryStore("index-crash")
        let log = try store.open(durability: .durable)
        var generator = SplitMix64(seed: 21)
        var client = Callstack_V1_ClientAdded()
        client.clientID = "client-1"
        let payload: [UInt8] = try client.serializedBytes()
        for chunk in 0..<60 {
            let batches = (0..<100).map { index in
                AppendBatch(stream: "stream-\(generator.next() % 50)", events: (0...(generator.next() % 4)).map { _ in
                    ProposedEvent(type: "ClientAdded", actor: "member-\((chunk + index) % 7)", payload: payload)
                })
            }
            try await log.append(batches)
        }
        let head = try log.headPosition()
        log.close()
        var checkpoints: [UInt64] = []
        for _ in 0..<4 {
            let (process, lines) = try CommandLineTool.start([
                "audit", "stream", "stream-1", "--trace-commits", "--index-batch", "300", "--store", store.path,
            ])
            let wanted = Int.random(in: 1...8)
            var seen = 0
            while seen < wanted, let line = lines.nextLine() { if line.hasPrefix("committed ") { seen += 1 } }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            checkpoints.append(try Self.checkIndex(store))
        }
        #expect(checkpoints.contains { $0 < head }, "no kill landed before the end: \(checkpoints)")
        #expect(checkpoints == checkpoints.sorted(), "the checkpoint never goes back")
    }

    /// Opens the index the killed process left and compares it with a fresh one up to its checkpoint.
    static func checkIndex(_ store: TemporaryStore) throws -> UInt64 {
        let log = try store.open(durability: .durable)
        defer { log.close() }
        let left = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path))
        defer { left.close() }
        let runner = IndexRunner(AuditTrailProjector(), log: log, store: left)
        let checkpoint = try runner.position
        let freshStore = TemporaryStore("index-fresh")
        let fresh = try SnapshotStore.open(at: freshStore.path, durability: .unsafeNoSync)
        defer { fresh.close() }
        let reference = IndexRunner(AuditTrailProjector(), log: log, store: fresh)
        try reference.catchUp(until: checkpoint)
        #expect(try runner.digest() == reference.digest(), "the index at checkpoint \(checkpoint) is not the log's index up to it")
        return checkpoint
    }
}
