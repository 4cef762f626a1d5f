import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Integrity, map growth and backup")
struct IntegrityTests {
    /// Fills a store with recognisable payloads and closes it; returns its head.
    static func fill(_ store: TemporaryStore, events: Int = 200) async throws -> LogHead {
        let log = try store.open()
        for index in stride(from: 0, to: events, by: 10) {
            let batch = AppendBatch(stream: "s-\(index % 30)", events: (index..<index + 10).map {
                Sample.event("Filled", Marker.payload($0))
            })
            try await log.append(batch)
        }
        let head = try log.head()
        log.close()
        try store.compact()
        return head
    }

    @Test("a flipped byte inside a record's payload is reported at that record's position")
    func flippedPayloadByte() async throws {
        let store = TemporaryStore()
        _ = try await Self.fill(store)
        for target in [0, 57, 133, 199] {
            let offset = try #require(try Marker.offset(of: target, in: store.dataFile))
            try FileBytes.flip(store.dataFile, at: offset)
            let log = try store.open(durability: .relaxed)
            let error = #expect(throws: EventLogError.self) { try log.verify() }
            #expect(error?.code == .checksumMismatch)
            #expect(error?.position == UInt64(target + 1))
            log.close()
            try FileBytes.flip(store.dataFile, at: offset)
        }
        #expect(try store.open().verify().events == 200)
    }

    @Test("a flipped byte in an event-id index key is reported at the record's position")
    func flippedIDIndexKey() async throws {
        let store = TemporaryStore()
        _ = try await Self.fill(store)
        let target: UInt64 = 77
        let id = try #require(try store.open().read(from: target, limit: 1).first?.id)
        let data = try Data(contentsOf: URL(fileURLWithPath: store.dataFile))
        let idBytes = withUnsafeBytes(of: (id.high.bigEndian, id.low.bigEndian)) { Data($0) }
        // The id stands in the record (after its position field) and once more as the index key.
        let occurrences = Self.offsets(of: idBytes, in: data)
        let keys = occurrences.filter { data.littleEndian(UInt64.self, at: $0 - 24) != target }
        #expect(occurrences.count == 2 && keys.count == 1)
        try FileBytes.flip(store.dataFile, at: try #require(keys.first) + 15, mask: 0x01)
        let error = #expect(throws: EventLogError.self) { try store.open().verify() }
        #expect(error?.code == .indexMismatch && error?.position == target)
    }

    @Test("a flipped byte in a stream index run is reported with a position")
    func flippedStreamRun() async throws {
        let store = TemporaryStore()
        _ = try await Self.fill(store)
        // Positions 41...50 are the second batch of stream s-10: the run's value is (41, 10).
        let run = withUnsafeBytes(of: (UInt64(41), UInt64(10))) { Data($0) }
        let data = try Data(contentsOf: URL(fileURLWithPath: store.dataFile))
        let offset = try #require(Self.offsets(of: run, in: data).first)
        #expect(Self.offsets(of: run, in: data).count == 1)
        try FileBytes.flip(store.dataFile, at: offset + 8, mask: 0x01)
        let error = #expect(throws: EventLogError.self) { try store.open().verify() }
        #expect(error?.code == .indexMismatch)
        #expect((41...51).contains(error?.position ?? 0), "\(String(describing: error))")
    }

    static func offsets(of needle: Data, in data: Data) -> [Int] {
        var found: [Int] = []
        var start = data.startIndex
        while let range = data.range(of: needle, in: start..<data.endIndex) {
            found.append(range.lowerBound)
            start = range.lowerBound + 1
        }
        return found
    }

    @Test("a rewritten record with a fixed checksum breaks the chain at its position")
    func rewrittenRecord() async throws {
        let store = TemporaryStore()
        _ = try await Self.fill(store)
        let offset = try #require(try Marker.offset(of: 42, in: store.dataFile))
        try Tamper.rewritePayloadAndChecksum(store.dataFile, payloadOffset: offset, position: 43)
        let log = try store.open()
        let error = #expect(throws: EventLogError.self) { try log.verify() }
        #expect(error?.code == .chainBroken && error?.position == 43)
    }

    @Test("an anchored head exposes a chain that no longer matches")
    func anchor() async throws {
        let store = TemporaryStore()
        let head = try await Self.fill(store)
        let log = try store.open()
        #expect(try log.verify(anchor: head).anchor == head)
        let forged = LogHead(position: 100, hash: head.hash)
        let error = #expect(throws: EventLogError.self) { try log.verify(anchor: forged) }
        #expect(error?.code == .anchorMismatch && error?.position == 100)
        let beyond = LogHead(position: 500, hash: head.hash)
        #expect(throws: EventLogError.self) { try log.verify(anchor: beyond) }
    }

    @Test("the map grows from 1 MiB to 64 MiB without a map-full error")
    func mapGrowth() async throws {
        let store = TemporaryStore()
        let log = try store.open(initialMapSize: 1 << 20)
        let payload = [UInt8](repeating: 7, count: 4_000)
        var appended = 0
        while try log.statistics().mapSize < 64 << 20 {
            let events = (0..<64).map { _ in ProposedEvent(type: "Bulk", payload: payload) }
            try await log.append(AppendBatch(stream: "bulk-\(appended % 5)", events: events))
            appended += 64
        }
        let stats = try log.statistics()
        #expect(stats.mapSize >= 64 << 20 && stats.sessionMapGrowths >= 6)
        #expect(stats.events == UInt64(appended))
        // A single append larger than the whole current map still succeeds.
        let huge = (0..<4).map { _ in ProposedEvent(type: "Huge", payload: [UInt8](repeating: 1, count: 40 << 20)) }
        try await log.append(AppendBatch(stream: "huge", events: huge))
        #expect(try log.verify().events == UInt64(appended + 4))
    }

    @Test("a hot backup taken while writers run opens as a sound store")
    func hotBackup() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("s", count: 100))
        let writer = Task {
            for _ in 0..<200 { try await log.append(Sample.batch("during", count: 5)) }
        }
        let target = store.sibling("backup")
        defer { try? FileManager.default.removeItem(atPath: target) }
        try log.backup(to: target)
        try await writer.value
        let copy = try EventLog.open(at: target, configuration: .init(readOnly: true))
        let report = try copy.verify()
        #expect(report.events >= 100 && report.events <= 1_100)
        #expect(try copy.read(from: 1, limit: 100) == (try log.read(from: 1, limit: 100)))
        #expect(throws: EventLogError.self) { try log.backup(to: target) }
    }

    @Test("opening garbage as a store is a typed error")
    func garbageStore() throws {
        let store = TemporaryStore()
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: true)
        try Data(repeating: 0xAB, count: 64 << 10).write(to: URL(fileURLWithPath: store.dataFile))
        #expect(throws: EventLogError.self) { try store.open() }
    }
}
