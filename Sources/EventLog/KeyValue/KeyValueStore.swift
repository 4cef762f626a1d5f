internal import CLMDB
import Foundation
import Synchronization

/// A small transactional key-value store in an LMDB environment of its own: the home of what must
/// not go into the log (a data subject's keys) and of caches beside it (projection snapshots).
///
/// - Keys and values are bytes; keys sort bytewise, so big-endian numbers sort numerically.
/// - The tables are named at open and fixed for the store's life in this process.
/// - Writes run on one dedicated thread, each ``write(_:)`` in one LMDB transaction: all of it
///   commits, or none of it. Reads take a short read transaction and see committed data only.
/// - The map starts small and doubles whenever a write fills it.
/// - One owner at a time: the open takes `owner.lock` in the folder (``OwnerLock``), so that
///   ``compact()`` can swap the files safely. A second open, in this or another process, throws
///   ``EventLogError/Code/locked`` until ``close()``.
///
/// LMDB does not scrub the pages a delete frees; until they are reused the old bytes stay in the
/// file. ``compact()`` rewrites the store without free pages and swaps the new file in, which is
/// how a deleted key really leaves the disk.
public final class KeyValueStore: Sendable {
    /// The store folder.
    public let path: String
    private let durability: Durability
    private let tableNames: [String]
    private let gate = ReaderGate()
    private let writer: LogWriter
    /// The open environment and its tables; replaced by ``compact()``, nil once closed.
    private let current: Mutex<KeyValueEnvironment?>
    /// Sole ownership of the folder, released by close.
    private let ownerLock: OwnerLock

    /// Opens (creating when missing) the store in the folder at `path`, with the given tables.
    ///
    /// - Throws: ``EventLogError`` — `.invalidArgument` for no table or a duplicate table name,
    ///   `.locked` when the store is open elsewhere, `.io` when the folder cannot be created, and
    ///   `.storage` when LMDB refuses the files.
    public static func open(at path: String, tables: [String], durability: Durability = .durable) throws -> KeyValueStore {
        guard !tables.isEmpty, Set(tables).count == tables.count, !tables.contains("") else {
            throw EventLogError(.invalidArgument, "a key-value store needs distinct, non-empty table names")
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EventLogError(.io, "cannot create the store folder \(path): \(error.localizedDescription)")
        }
        let lock = try OwnerLock.take(in: path)
        do {
            return try KeyValueStore(path: path, tables: tables, durability: durability, ownerLock: lock)
        } catch {
            lock.release()
            throw error
        }
    }

    private init(path: String, tables: [String], durability: Durability, ownerLock: OwnerLock) throws {
        self.path = path
        self.tableNames = tables
        self.durability = durability
        self.ownerLock = ownerLock
        let writer = LogWriter(name: "KeyValueStore writer \(path)") { _ in }
        do {
            let opened = try writer.perform {
                try KeyValueEnvironment(path: path, tables: tables, durability: durability, mapSize: 1 << 20)
            }
            current = Mutex(opened)
        } catch {
            writer.stop()
            throw error
        }
        self.writer = writer
    }

    deinit { shutDown() }

    /// Finishes queued writes and closes the store; later calls throw `.closed`. Called from inside
    /// one of the store's reads, it does nothing (it cannot close under that read).
    public func close() {
        guard !gate.isHeldByCurrentThread else { return }
        shutDown()
    }

    private func shutDown() {
        writer.stop()
        gate.exclusive {
            current.withLock { environment in
                environment?.environment.close()
                environment = nil
            }
        }
        ownerLock.release()
    }

    /// Runs `body` with a reader over one consistent snapshot. The reader is valid only inside.
    public func read<R>(_ body: (KeyValueReader) throws -> R) throws -> R {
        try gate.shared {
            let open = try openEnvironment()
            return try open.environment.withReadTransaction { txn in
                try body(KeyValueReader(txn: txn, tables: open.tables))
            }
        }
    }

    /// Runs `body` in one write transaction on the writer thread and commits it; if `body` throws,
    /// nothing of it is written. The writer is valid only inside. Blocks until committed.
    @discardableResult
    public func write<R>(_ body: (inout KeyValueWriter) throws -> R) throws -> R {
        try refuseInsideRead("write")
        return try withoutActuallyEscaping(body) { body in
            try writer.perform { [self] in try writeOnWriterThread(body) }
        }
    }

    private func writeOnWriterThread<R>(_ body: (inout KeyValueWriter) throws -> R) throws -> R {
        while true {
            let open = try openEnvironment()
            do {
                return try open.environment.withWriteTransaction { txn in
                    var writer = KeyValueWriter(reader: KeyValueReader(txn: txn, tables: open.tables))
                    return try body(&writer)
                }
            } catch let error as EventLogError where LMDBStatus.isMapFull(error) {
                let doubled = open.environment.usage().mapSize * 2
                try gate.exclusive { try open.environment.setMapSize(doubled) }
            }
        }
    }

    /// Rewrites the store without its free pages and swaps the new file in, so that deleted
    /// values are gone from the disk, not just unreachable. Waits for readers to finish.
    ///
    /// Crash-safe: the compacted file is flushed before it replaces the old one with `rename`, and
    /// the folder is flushed after, so a power cut leaves either file whole. If the swap fails, the
    /// store reopens whichever file is in place.
    public func compact() throws {
        try refuseInsideRead("compact")
        try writer.perform { [self] in
            try gate.exclusive {
                let open = try openEnvironment()
                let staging = path + "/compacting"
                try? FileManager.default.removeItem(atPath: staging)
                try makeFolder(staging)
                defer { try? FileManager.default.removeItem(atPath: staging) }
                try open.environment.copy(to: staging, compact: true)
                try FileSync.flush(staging + "/data.mdb")
                let mapSize = open.environment.usage().mapSize
                open.environment.close()
                current.withLock { $0 = nil }
                let swapped = rename(staging + "/data.mdb", path + "/data.mdb") == 0
                let reason = swapped ? "" : String(cString: strerror(errno))
                if swapped { try? FileSync.flush(path) }
                let reopened = try KeyValueEnvironment(
                    path: path, tables: tableNames, durability: durability, mapSize: mapSize)
                current.withLock { $0 = reopened }
                guard swapped else { throw EventLogError(.io, "cannot swap in the compacted file: \(reason)") }
            }
        }
    }

    /// A write, a compaction or a close from inside ``read(_:)`` would wait for that very read.
    private func refuseInsideRead(_ what: String) throws {
        guard !gate.isHeldByCurrentThread else {
            throw EventLogError(.invalidArgument, "cannot \(what) the key-value store from inside one of its reads")
        }
    }

    /// Writes a compacted, consistent copy of the store into the folder `directory` (created when
    /// missing, and expected to hold no store yet). Writes go on meanwhile.
    public func backup(to directory: String) throws {
        try makeFolder(directory)
        try gate.shared { try openEnvironment().environment.copy(to: directory, compact: true) }
    }

    /// Lets the process's resident set go of the store's mapped pages (they stay in the page cache
    /// and map again when read): for a long import, whose touched pages would otherwise all count
    /// as resident.
    public func releaseResidentPages() throws {
        try gate.shared { try openEnvironment().environment.releaseResidentPages() }
    }

    /// The size of the store's data file in bytes.
    public var fileSize: Int {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/data.mdb")
        return (attributes?[.size] as? NSNumber)?.intValue ?? 0
    }

    private func openEnvironment() throws -> KeyValueEnvironment {
        guard let open = current.withLock({ $0 }) else {
            throw EventLogError(.closed, "the key-value store at \(path) is closed")
        }
        return open
    }

    private func makeFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw EventLogError(.io, "cannot create \(folder): \(error.localizedDescription)")
        }
    }
}

/// One open LMDB environment of a ``KeyValueStore`` and its tables' handles.
final class KeyValueEnvironment: @unchecked Sendable {
    let environment: LMDBEnvironment
    let tables: [String: LMDBDatabase]

    /// Must run on the store's writer thread: it creates the tables in a write transaction.
    init(path: String, tables: [String], durability: Durability, mapSize: Int) throws {
        let environment = try LMDBEnvironment(
            path: path, mapSize: mapSize, maxReaders: 126, maxDatabases: UInt32(tables.count),
            flags: Int32(MDB_NOTLS) | durability.lmdbFlags)
        do {
            _ = try environment.clearStaleReaders()
            self.tables = try environment.withWriteTransaction { txn in
                var handles: [String: LMDBDatabase] = [:]
                for name in tables {
                    handles[name] = try environment.openDatabase(name, flags: Int32(MDB_CREATE), in: txn)
                }
                return handles
            }
        } catch {
            environment.close()
            throw error
        }
        self.environment = environment
    }
}
