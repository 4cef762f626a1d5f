internal import CLMDB
import Foundation

/// Owns one `MDB_env` and the database handles opened in it.
///
/// The environment outlives every transaction: transactions are only reachable inside
/// ``withReadTransaction(_:)`` and ``withWriteTransaction(_:)`` closures, which keep `self` alive.
/// Opened with `MDB_NOTLS`, so a read transaction is bound to no thread; none may cross an `await`
/// anyway, because the closures are synchronous.
final class LMDBEnvironment: @unchecked Sendable {
    let handle: OpaquePointer
    let path: String

    init(path: String, mapSize: Int, maxReaders: UInt32, maxDatabases: UInt32, flags: Int32) throws {
        var env: OpaquePointer?
        try LMDBStatus.check(mdb_env_create(&env), "mdb_env_create")
        guard let env else { throw EventLogError(.storage, "mdb_env_create returned no environment") }
        do {
            try LMDBStatus.check(mdb_env_set_maxdbs(env, MDB_dbi(maxDatabases)), "mdb_env_set_maxdbs")
            try LMDBStatus.check(mdb_env_set_maxreaders(env, maxReaders), "mdb_env_set_maxreaders")
            try LMDBStatus.check(mdb_env_set_mapsize(env, mapSize), "mdb_env_set_mapsize")
            try LMDBStatus.check(mdb_env_open(env, path, UInt32(bitPattern: flags), 0o644), "mdb_env_open \(path)")
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.handle = env
        self.path = path
    }

    private var isClosed = false

    /// Closes the environment. The caller guarantees that no transaction is live and none starts.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        mdb_env_close(handle)
    }

    deinit { close() }

    /// Clears reader slots left by processes that died; returns how many were cleared.
    func clearStaleReaders() throws -> Int {
        var dead: Int32 = 0
        try LMDBStatus.check(mdb_reader_check(handle, &dead), "mdb_reader_check")
        return Int(dead)
    }

    /// Must only be called while no transaction of this process is live (see ``ReaderGate``).
    /// A size of 0 adopts the size another process set.
    func setMapSize(_ bytes: Int) throws {
        try LMDBStatus.check(mdb_env_set_mapsize(handle, bytes), "mdb_env_set_mapsize \(bytes)")
    }

    struct Usage {
        var mapSize: Int
        var pageSize: Int
        var usedPages: Int
        /// Write transactions committed over the store's life (LMDB's last transaction id).
        var lastTransaction: Int
        var usedBytes: Int { usedPages * pageSize }
    }

    func usage() -> Usage {
        var info = MDB_envinfo()
        mdb_env_info(handle, &info)
        var stat = MDB_stat()
        mdb_env_stat(handle, &stat)
        return Usage(
            mapSize: info.me_mapsize, pageSize: Int(stat.ms_psize), usedPages: info.me_last_pgno + 1,
            lastTransaction: info.me_last_txnid)
    }

    /// Drops this process's mapping of the data file's pages (`madvise(MADV_DONTNEED)` over each
    /// mapping of it that `/proc/self/maps` lists): they leave the process's resident set and stay
    /// in the kernel's page cache, and the next read of one maps it again, unchanged. Safe only
    /// because writes go through `pwrite`, never through the map (no `MDB_WRITEMAP`), and only
    /// while no resize can move the map (the caller holds the gate). Does nothing where there is
    /// no `/proc`.
    func releaseResidentPages() {
        var directory: UnsafePointer<CChar>?
        guard mdb_env_get_path(handle, &directory) == 0, let directory,
            let file = realpath(String(cString: directory) + "/data.mdb", nil)
        else { return }
        let dataFile = String(cString: file)
        free(file)
        // Read to the end: /proc files report a size of zero.
        guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps"), let bytes = try? handle.readToEnd() else { return }
        try? handle.close()
        let maps = String(decoding: bytes, as: UTF8.self)
        for line in maps.split(separator: "\n") where line.hasSuffix(" " + dataFile) {
            let range = line.prefix { $0 != " " }.split(separator: "-")
            guard range.count == 2, let start = UInt(range[0], radix: 16), let end = UInt(range[1], radix: 16), end > start,
                let base = UnsafeMutableRawPointer(bitPattern: start)
            else { continue }
            _ = madvise(base, Int(end - start), MADV_DONTNEED)
        }
    }

    func setFlags(_ flags: Int32, on: Bool) throws {
        try LMDBStatus.check(mdb_env_set_flags(handle, UInt32(bitPattern: flags), on ? 1 : 0), "mdb_env_set_flags")
    }

    /// A consistent copy taken inside one read transaction; with `compact`, free pages are left out.
    func copy(to directory: String, compact: Bool) throws {
        let flags: UInt32 = compact ? UInt32(MDB_CP_COMPACT) : 0
        try LMDBStatus.check(mdb_env_copy2(handle, directory, flags), "mdb_env_copy2 \(directory)")
    }

    func withReadTransaction<R>(_ body: (LMDBTransaction) throws -> R) throws -> R {
        let txn = try begin(flags: Int32(MDB_RDONLY))
        defer { mdb_txn_abort(txn.handle) }
        return try body(txn)
    }

    /// A read transaction that is committed rather than aborted, so that database handles opened
    /// in it stay valid (LMDB closes handles opened in an aborted transaction).
    func withCommittedReadTransaction<R>(_ body: (LMDBTransaction) throws -> R) throws -> R {
        try withCommittedTransaction(flags: Int32(MDB_RDONLY), body)
    }

    /// Runs `body` in a write transaction and commits it; aborts it if `body` or the commit throws.
    func withWriteTransaction<R>(_ body: (LMDBTransaction) throws -> R) throws -> R {
        try withCommittedTransaction(flags: 0, body)
    }

    private func withCommittedTransaction<R>(flags: Int32, _ body: (LMDBTransaction) throws -> R) throws -> R {
        let txn = try begin(flags: flags)
        let result: R
        do {
            result = try body(txn)
        } catch {
            mdb_txn_abort(txn.handle)
            throw error
        }
        // mdb_txn_commit frees the transaction whether or not it succeeds.
        try LMDBStatus.check(mdb_txn_commit(txn.handle), "mdb_txn_commit")
        return result
    }

    private func begin(flags: Int32) throws -> LMDBTransaction {
        var txn: OpaquePointer?
        try LMDBStatus.check(mdb_txn_begin(handle, nil, UInt32(bitPattern: flags), &txn), "mdb_txn_begin")
        guard let txn else { throw EventLogError(.storage, "mdb_txn_begin returned no transaction") }
        return LMDBTransaction(handle: txn)
    }

    /// Opens a named database inside `txn`; pass `MDB_CREATE` in `flags` to create it.
    func openDatabase(_ name: String, flags: Int32, in txn: LMDBTransaction) throws -> LMDBDatabase {
        var dbi: MDB_dbi = 0
        try LMDBStatus.check(
            mdb_dbi_open(txn.handle, name, UInt32(bitPattern: flags), &dbi), "mdb_dbi_open \(name)")
        return LMDBDatabase(handle: dbi)
    }
}

/// A database handle inside an environment.
struct LMDBDatabase: Sendable {
    let handle: MDB_dbi
}
