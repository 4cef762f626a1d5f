import EventLog
import EventLogTestSupport
import Foundation
import Testing

/// Byte flips in a store's file, judged by `callstack log verify`, which walks the store in a child
/// process so that a corrupt page cannot crash its caller.
@Suite("Tampering through the CLI", .serialized)
struct TamperTests {
    static let events = 300

    /// A store of recognisable events and its JSON-lines dump.
    static func filledStore() async throws -> (TemporaryStore, String) {
        let store = TemporaryStore("tamper")
        let log = try store.open(durability: .durable)
        for index in stride(from: 0, to: events, by: 5) {
            try await log.append(AppendBatch(stream: "s-\(index % 11)", events: (index..<index + 5).map {
                Sample.event("Filled", Marker.payload($0))
            }))
        }
        log.close()
        try store.compact()
        let dump = try CommandLineTool.run(["log", "tail", "--store", store.path])
        #expect(dump.status == 0 && dump.output.split(separator: "\n").count == events)
        return (store, dump.output)
    }

    @Test("a flipped byte anywhere inside a record is reported with that record's position")
    func flipsInsideRecords() async throws {
        let (store, _) = try await Self.filledStore()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<12 {
            let index = Int.random(in: 0..<Self.events, using: &generator)
            let position = UInt64(index + 1)
            let payload = try #require(try Marker.offset(of: index, in: store.dataFile))
            let record = try #require(try Tamper.recordBounds(in: store.dataFile, payloadOffset: payload, position: position))
            let offset = Int.random(in: record, using: &generator)
            let mask = UInt8.random(in: 1...255, using: &generator)
            try FileBytes.flip(store.dataFile, at: offset, mask: mask)
            let verdict = try CommandLineTool.run(["log", "verify", "--store", store.path])
            #expect(verdict.status == 1, "flip at record byte \(offset - record.lowerBound): \(verdict.output)")
            #expect(verdict.output.contains("at position \(position):"), "\(verdict.output)")
            try FileBytes.flip(store.dataFile, at: offset, mask: mask)
        }
        #expect(try CommandLineTool.run(["log", "verify", "--store", store.path]).status == 0)
    }

    @Test("random flips anywhere in the file never crash the caller; an unreported flip changed nothing")
    func flipsAnywhere() async throws {
        let (store, dump) = try await Self.filledStore()
        let pristine = try Data(contentsOf: URL(fileURLWithPath: store.dataFile))
        var generator = SystemRandomNumberGenerator()
        var tally: [String: Int] = [:]
        for _ in 0..<40 {
            let offset = Int.random(in: 0..<pristine.count, using: &generator)
            var damaged = pristine
            damaged[offset] ^= UInt8.random(in: 1...255, using: &generator)
            try damaged.write(to: URL(fileURLWithPath: store.dataFile))
            let verdict = try CommandLineTool.run(["log", "verify", "--store", store.path])
            #expect(!verdict.crashed, "the verify command itself died at offset \(offset)")
            switch verdict.status {
            case 0:
                // Harmless only if every record reads back exactly as before (free page or slack).
                let reread = try CommandLineTool.run(["log", "tail", "--store", store.path])
                #expect(!reread.crashed && reread.status == 0 && reread.output == dump, "undetected damage at offset \(offset)")
                tally["harmless", default: 0] += 1
            case 1: tally["reported with a position or an index problem", default: 0] += 1
            case 2: tally["verifier crashed, reported corrupt", default: 0] += 1
            case 3: tally["store refused to open", default: 0] += 1
            default: Issue.record("unexpected status \(verdict.status) at offset \(offset): \(verdict.output)")
            }
        }
        try pristine.write(to: URL(fileURLWithPath: store.dataFile))
        #expect(try CommandLineTool.run(["log", "verify", "--store", store.path]).status == 0)
        print("tamper test: " + tally.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    }

    @Test("verify reports an anchored head that does not match, and bad arguments are usage errors")
    func anchoredHead() async throws {
        let (store, _) = try await Self.filledStore()
        let stats = try CommandLineTool.run(["log", "stats", "--store", store.path])
        let headLine = try #require(stats.output.split(separator: "\n").first { $0.hasPrefix("head") })
        let head = String(try #require(headLine.split(separator: " ").last))
        #expect(try CommandLineTool.run(["log", "verify", "--store", store.path, "--expect-head", head]).status == 0)
        let wrong = "5:" + String(head.split(separator: ":")[1])
        let mismatch = try CommandLineTool.run(["log", "verify", "--store", store.path, "--expect-head", wrong])
        #expect(mismatch.status == 1 && mismatch.output.contains("anchor-mismatch at position 5"))
        let usage = try CommandLineTool.run(["log", "verify", "--store", store.path, "--expect-head", "nonsense"])
        #expect(usage.status == 64 && !usage.crashed)
        let missing = try CommandLineTool.run(["log", "verify", "--store", store.sibling("absent")])
        #expect(missing.status == 3)
    }
}
