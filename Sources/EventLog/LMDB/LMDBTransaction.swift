internal import CLMDB

/// A live LMDB transaction. Only ever seen inside an ``LMDBEnvironment`` transaction closure, so it
/// cannot outlive its environment or cross an `await`. Pointers it returns are valid only until the
/// transaction ends or the next write to the same page; callers copy what they keep.
struct LMDBTransaction {
    let handle: OpaquePointer

    /// The value stored under `key`, or nil. The buffer points into the map.
    func get(_ db: LMDBDatabase, key: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer? {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val()
        let rc = mdb_get(handle, db.handle, &k, &v)
        if rc == MDB_NOTFOUND { return nil }
        try LMDBStatus.check(rc, "mdb_get")
        return UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size)
    }

    func get(_ db: LMDBDatabase, key: UInt64) throws -> UnsafeRawBufferPointer? {
        try withUnsafeBytes(of: key) { try get(db, key: $0) }
    }

    /// Stores `value` under `key`, replacing what was there.
    func put(_ db: LMDBDatabase, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) throws {
        try LMDBStatus.check(store(db, key: key, value: value, flags: 0), "mdb_put")
    }

    /// Stores `value` under `key` unless the key exists; returns false when it did.
    ///
    /// With `appending`, first tries `MDB_APPEND`, which skips the B-tree search when the key sorts
    /// after every stored key, and falls back to a normal insert when it does not.
    func insert(
        _ db: LMDBDatabase, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, appending: Bool = false
    ) throws -> Bool {
        if appending {
            let rc = store(db, key: key, value: value, flags: UInt32(MDB_NOOVERWRITE | MDB_APPEND))
            if rc == 0 { return true }
            // Only "not the last key" falls back; anything else (say MDB_MAP_FULL) fails the txn.
            if rc != MDB_KEYEXIST { try LMDBStatus.check(rc, "mdb_put append") }
        }
        let rc = store(db, key: key, value: value, flags: UInt32(MDB_NOOVERWRITE))
        if rc == MDB_KEYEXIST { return false }
        try LMDBStatus.check(rc, "mdb_put")
        return true
    }

    /// Deletes `key`; returns false when it was not there.
    func delete(_ db: LMDBDatabase, key: UnsafeRawBufferPointer) throws -> Bool {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        let rc = mdb_del(handle, db.handle, &k, nil)
        if rc == MDB_NOTFOUND { return false }
        try LMDBStatus.check(rc, "mdb_del")
        return true
    }

    private func store(_ db: LMDBDatabase, key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: UInt32) -> Int32 {
        var k = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var v = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        return mdb_put(handle, db.handle, &k, &v, flags)
    }

    /// Reserves `size` bytes under `key` and lets `fill` write them in place, with no extra copy.
    func putReserved(
        _ db: LMDBDatabase, key: UInt64, size: Int, append: Bool,
        fill: (UnsafeMutableRawBufferPointer) throws -> Void
    ) throws {
        var keyValue = key
        try withUnsafeMutableBytes(of: &keyValue) { keyBytes in
            var k = MDB_val(mv_size: keyBytes.count, mv_data: keyBytes.baseAddress)
            var v = MDB_val(mv_size: size, mv_data: nil)
            var flags = UInt32(MDB_RESERVE)
            if append { flags |= UInt32(MDB_APPEND) }
            try LMDBStatus.check(mdb_put(handle, db.handle, &k, &v, flags), "mdb_put reserve")
            try fill(UnsafeMutableRawBufferPointer(start: v.mv_data, count: size))
        }
    }

    func entryCount(_ db: LMDBDatabase) throws -> Int {
        var stat = MDB_stat()
        try LMDBStatus.check(mdb_stat(handle, db.handle, &stat), "mdb_stat")
        return stat.ms_entries
    }

    func withCursor<R>(_ db: LMDBDatabase, _ body: (LMDBCursor) throws -> R) throws -> R {
        var cursor: OpaquePointer?
        try LMDBStatus.check(mdb_cursor_open(handle, db.handle, &cursor), "mdb_cursor_open")
        guard let cursor else { throw EventLogError(.storage, "mdb_cursor_open returned no cursor") }
        defer { mdb_cursor_close(cursor) }
        return try body(LMDBCursor(handle: cursor))
    }
}
