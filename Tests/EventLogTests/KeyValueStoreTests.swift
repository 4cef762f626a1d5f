import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Key-value store", .timeLimit(.minutes(1)))
struct KeyValueStoreTests {
    private func open(_ store: TemporaryStore) throws -> KeyValueStore {
        try KeyValueStore.open(at: store.path, tables: ["a", "b"], durability: .unsafeNoSync)
    }

    @Test("puts, reads, prefix walks in key order and deletes")
    func basics() throws {
        let store = TemporaryStore("kv")
        let kv = try open(store)
        try kv.write { writer throws in
            for key in [[2, 1], [1, 9], [1, 2], [3]] as [[UInt8]] { try writer.put(key + [0xAA], for: key, in: "a") }
            try writer.put([7], for: [1, 2], in: "b")
        }
        try kv.read { reader throws in
            #expect(try reader.value(in: "a", for: [1, 2]) == [1, 2, 0xAA])
            #expect(try reader.value(in: "b", for: [1, 2]) == [7], "tables are separate")
            #expect(try reader.value(in: "a", for: [4]) == nil)
            #expect(try reader.keys(in: "a", prefix: [1]) == [[1, 2], [1, 9]])
            #expect(try reader.keys(in: "a") == [[1, 2], [1, 9], [2, 1], [3]])
            #expect(try reader.count(in: "a") == 4)
        }
        let removed = try kv.write { writer in try writer.deleteAll(in: "a", prefix: [1]) }
        #expect(removed == 2)
        #expect(try kv.write { try $0.delete([1, 2], in: "a") } == false)
        #expect(try kv.read { try $0.keys(in: "a") } == [[2, 1], [3]])
    }

    @Test("a write that throws leaves nothing behind, and bad arguments are typed errors")
    func atomicWrites() throws {
        struct Refused: Error {}
        let store = TemporaryStore("kv")
        let kv = try open(store)
        #expect(throws: Refused.self) {
            try kv.write { writer throws in
                try writer.put([1], for: [1], in: "a")
                #expect(try writer.reader.value(in: "a", for: [1]) == [1], "a write sees its own changes")
                throw Refused()
            }
        }
        #expect(try kv.read { try $0.count(in: "a") } == 0)
        let unknown = #expect(throws: EventLogError.self) { try kv.read { try $0.count(in: "nope") } }
        #expect(unknown?.code == .invalidArgument)
        let emptyKey = #expect(throws: EventLogError.self) { try kv.write { try $0.put([1], for: [], in: "a") } }
        #expect(emptyKey?.code == .invalidArgument)
        let longKey = #expect(throws: EventLogError.self) {
            try kv.write { try $0.put([1], for: Array(repeating: 1, count: 512), in: "a") }
        }
        #expect(longKey?.code == .invalidArgument)
        let noTables = #expect(throws: EventLogError.self) { try KeyValueStore.open(at: store.sibling("x"), tables: []) }
        #expect(noTables?.code == .invalidArgument)
    }

    @Test("a write, a compaction or a close from inside a read is refused instead of deadlocking")
    func insideRead() throws {
        let store = TemporaryStore("kv")
        let kv = try open(store)
        try kv.write { try $0.put([1], for: [1], in: "a") }
        try kv.read { _ throws in
            let write = #expect(throws: EventLogError.self) { try kv.write { try $0.put([2], for: [2], in: "a") } }
            #expect(write?.code == .invalidArgument)
            #expect(throws: EventLogError.self) { try kv.compact() }
            kv.close()
        }
        #expect(try kv.read { try $0.value(in: "a", for: [1]) } == [1], "the close inside the read did nothing")
    }

    @Test("the map grows past its first size on its own")
    func growth() throws {
        let store = TemporaryStore("kv")
        let kv = try open(store)
        let value = [UInt8](repeating: 0x5A, count: 64 << 10)
        for index in 0..<64 {  // 4 MiB of values into a 1 MiB map
            try kv.write { try $0.put(value, for: withUnsafeBytes(of: UInt32(index).bigEndian) { Array($0) }, in: "a") }
        }
        #expect(try kv.read { try $0.count(in: "a") } == 64)
        #expect(kv.fileSize > 4 << 20)
    }

    @Test("one owner at a time: a second open is .locked until the first closes")
    func ownerLock() throws {
        let store = TemporaryStore("kv")
        let kv = try open(store)
        try kv.write { try $0.put([1], for: [1], in: "a") }
        let second = #expect(throws: EventLogError.self) { try open(store) }
        #expect(second?.code == .locked)
        kv.close()
        kv.close()
        let closed = #expect(throws: EventLogError.self) { try kv.read { try $0.count(in: "a") } }
        #expect(closed?.code == .closed)
        #expect(try open(store).read { try $0.value(in: "a", for: [1]) } == [1], "committed data survives a reopen")
    }

    @Test("compaction removes deleted bytes from the file; backups hold only live data")
    func compaction() throws {
        let store = TemporaryStore("kv")
        let kv = try open(store)
        let secret = Array("<<secret-value-to-forget>>".utf8)
        let kept = Array("<<value-to-keep>>".utf8)
        try kv.write { writer throws in
            try writer.put(secret, for: [1], in: "a")
            try writer.put(kept, for: [2], in: "b")
        }
        try kv.write { try $0.delete([1], in: "a") }
        #expect(try FileBytes.files(under: store.path, containing: secret).isEmpty == false,
            "LMDB leaves deleted values in free pages: the reason compaction exists")
        try kv.compact()
        #expect(try FileBytes.files(under: store.path, containing: secret).isEmpty)
        #expect(try kv.read { try $0.value(in: "b", for: [2]) } == kept)
        try kv.write { try $0.put([3], for: [3], in: "a") }
        try kv.backup(to: store.sibling("backup"))
        kv.close()
        let copy = try KeyValueStore.open(at: store.sibling("backup"), tables: ["a", "b"])
        #expect(try copy.read { try $0.keys(in: "a") } == [[3]])
        #expect(try FileBytes.files(under: store.sibling("backup"), containing: kept).count == 1)
    }
}
