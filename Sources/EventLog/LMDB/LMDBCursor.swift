internal import CLMDB

/// A cursor inside a transaction closure. Entries point into the map and are valid only there.
struct LMDBCursor {
    let handle: OpaquePointer

    struct Entry {
        var key: UnsafeRawBufferPointer
        var value: UnsafeRawBufferPointer
    }

    enum Move {
        case first, last, next, previous, current
        /// The first key at or after the given key.
        case atOrAfter
        /// Exactly the given key.
        case exactly

        var operation: MDB_cursor_op {
            switch self {
            case .first: MDB_FIRST
            case .last: MDB_LAST
            case .next: MDB_NEXT
            case .previous: MDB_PREV
            case .current: MDB_GET_CURRENT
            case .atOrAfter: MDB_SET_RANGE
            case .exactly: MDB_SET_KEY
            }
        }
    }

    /// Moves the cursor; returns nil at either end or when the key is not found.
    func move(_ move: Move, key: UnsafeRawBufferPointer? = nil) throws -> Entry? {
        var k = MDB_val(mv_size: key?.count ?? 0, mv_data: UnsafeMutableRawPointer(mutating: key?.baseAddress))
        var v = MDB_val()
        let rc = mdb_cursor_get(handle, &k, &v, move.operation)
        if rc == MDB_NOTFOUND { return nil }
        try LMDBStatus.check(rc, "mdb_cursor_get")
        return Entry(
            key: UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size),
            value: UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
    }

    /// Moves to the greatest key at or before `key`; nil when every key is greater.
    func moveToLast(atOrBefore key: UnsafeRawBufferPointer) throws -> Entry? {
        if let entry = try move(.atOrAfter, key: key) {
            if entry.key.elementsEqual(key) { return entry }
            return try move(.previous)
        }
        return try move(.last)
    }

    func move(_ move: Move, key: UInt64) throws -> Entry? {
        try withUnsafeBytes(of: key) { try self.move(move, key: $0) }
    }
}
