import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Benchmark stores and other processes", .serialized, .timeLimit(.minutes(3)))
struct BenchStoreTests {
    @Test("a store filled by the benchmark verifies, and a flipped record byte is reported at its position")
    func benchStoreVerifies() throws {
        let scratch = TemporaryStore("bench")
        let run = try CommandLineTool.run([
            "bench", "log", "--events", "2000", "--rounds", "1", "--only", "append", "--keep", "--directory", scratch.path,
        ])
        #expect(run.status == 0, "\(run.output) \(run.errorOutput)")
        let store = scratch.path + "/ours"
        let sound = try CommandLineTool.run(["log", "verify", "--store", store])
        #expect(sound.status == 0 && sound.output.hasPrefix("ok: 2000 events"), "\(sound.output)")
        // Compact first, so the record's bytes are in the file exactly once.
        let compact = scratch.sibling("compact")
        #expect(try CommandLineTool.run(["log", "backup", "--store", store, compact]).status == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: compact + "/data.mdb"))
        let position: UInt64 = 1_234
        let start = try #require(Self.recordStart(in: data, position: position))
        try FileBytes.flip(compact + "/data.mdb", at: start + 200)
        let damaged = try CommandLineTool.run(["log", "verify", "--store", compact])
        #expect(damaged.status == 1 && damaged.output.contains("at position \(position):"), "\(damaged.output)")
    }

    @Test("bench replay reports every figure, and the snapshot open applies only the events after the snapshot")
    func benchReplay() throws {
        let scratch = TemporaryStore("bench-replay")
        let run = try CommandLineTool.run([
            "bench", "replay", "--json", "--events", "2000", "--rounds", "1", "--open-events", "3000", "--directory", scratch.path,
        ])
        #expect(run.status == 0, "\(run.errorOutput)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(report["events"] as? Int == 2000)
        #expect(report["open_events"] as? Int == 4000, "3,000 events, then 1,000 after the snapshot")
        #expect(report["open_events_applied"] as? Int == 1000)
        for figure in ["scan_eps", "counting_eps", "realistic_eps", "seal_fields_per_second", "open_fields_per_second"] {
            #expect((report[figure] as? Double ?? 0) > 0, "\(figure)")
        }
        #expect(report["sealed_field_overhead_bytes"] as? Int == 30, "12-byte nonce, 16-byte tag, 2 bytes of protobuf framing")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/open"), "the scratch folder is removed")
    }

    @Test("a map grown by another process is adopted (MDB_MAP_RESIZED) by readers and the writer")
    func mapResizedByAnotherProcess() async throws {
        let store = TemporaryStore("resized")
        let log = try store.open(durability: .durable, initialMapSize: 1 << 20)
        try await log.append(Sample.batch("mine", count: 3))
        let demo = try CommandLineTool.run(["demo", "burst", "--store", store.path, "--contacts", "3000", "--calls", "20"])
        #expect(demo.status == 0, "\(demo.errorOutput)")
        // The demo wrote far past this process's 1 MiB map: reading must adopt the larger map.
        let head = try log.headPosition()
        let used = try log.statistics().usedBytes
        #expect(head > 3_000 && used > 1 << 20)
        let next = try await log.append(Sample.batch("mine", .exact(3)))
        #expect(next.positions == (head + 1)...(head + 1))
        #expect(try log.verify().events == head + 1)
    }

    @Test("a subscription sees appends made by another process")
    func subscriptionAcrossProcesses() async throws {
        let store = TemporaryStore("follow")
        let log = try store.open()
        try await log.append(Sample.batch("mine"))
        let first = Task {
            var iterator = log.subscribe(from: 2, pollInterval: .milliseconds(50)).makeAsyncIterator()
            return try await iterator.next()
        }
        let demo = try CommandLineTool.run(["demo", "burst", "--store", store.path, "--contacts", "10", "--calls", "1"])
        #expect(demo.status == 0)
        let event = try await first.value
        #expect(event?.position == 2 && event?.stream == "workspace")
    }

    /// The offset of the record at `position`: the header's position field, a length that fits, and
    /// the benchmark's stream name right after the header.
    static func recordStart(in data: Data, position: UInt64) -> Int? {
        var offset = 0
        while offset + 128 <= data.count {
            if data.littleEndian(UInt64.self, at: offset + 8) == position {
                let length = Int(data.littleEndian(UInt32.self, at: offset))
                let stream = data.subdata(in: (offset + 128)..<min(offset + 135, data.count))
                if length >= 128 && length < 4096 && offset + length <= data.count && stream == Data("stream-".utf8) {
                    return offset
                }
            }
            offset += 1
        }
        return nil
    }
}
