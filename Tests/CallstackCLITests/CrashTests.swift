import EventLog
import EventLogTestSupport
import Foundation
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
