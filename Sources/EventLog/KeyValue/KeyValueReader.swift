internal import CLMDB

/// Reads one consistent snapshot of a ``KeyValueStore``, inside ``KeyValueStore/read(_:)`` or
/// ``KeyValueStore/write(_:)``. Every value it returns is a copy; the reader itself must not escape
/// the closure it was given to.
public struct KeyValueReader {
    let txn: LMDBTransaction
    let tables: [String: LMDBDatabase]

    /// The value under `key` in `table`, or nil.
    public func value(in table: String, for key: [UInt8]) throws -> [UInt8]? {
        let db = try database(table)
        return try key.withUnsafeBytes { try txn.get(db, key: $0).map { Array($0) } }
    }

    /// Visits the entries whose key starts with `prefix`, in ascending key order, until `visit`
    /// returns false.
    public func forEach(
        in table: String, prefix: [UInt8] = [], _ visit: (_ key: [UInt8], _ value: [UInt8]) throws -> Bool
    ) throws {
        let db = try database(table)
        try txn.withCursor(db) { cursor in
            var entry = try prefix.isEmpty
                ? cursor.move(.first) : prefix.withUnsafeBytes { try cursor.move(.atOrAfter, key: $0) }
            while let found = entry, found.key.starts(with: prefix) {
                guard try visit(Array(found.key), Array(found.value)) else { return }
                entry = try cursor.move(.next)
            }
        }
    }

    /// The keys in `table` that start with `prefix`, in ascending order.
    public func keys(in table: String, prefix: [UInt8] = []) throws -> [[UInt8]] {
        var keys: [[UInt8]] = []
        try forEach(in: table, prefix: prefix) { key, _ in
            keys.append(key)
            return true
        }
        return keys
    }

    /// How many entries `table` holds.
    public func count(in table: String) throws -> Int {
        try txn.entryCount(database(table))
    }

    func database(_ table: String) throws -> LMDBDatabase {
        guard let db = tables[table] else {
            throw EventLogError(.invalidArgument, "the key-value store has no table named \(table)")
        }
        return db
    }
}

/// Changes a ``KeyValueStore`` inside ``KeyValueStore/write(_:)``: every change of one write
/// commits together. It reads its own uncommitted changes through ``reader``.
public struct KeyValueWriter {
    /// Reads the store as this write has changed it so far.
    public let reader: KeyValueReader

    /// The most bytes a key may have (LMDB's default limit).
    public static let maxKeySize = 511

    /// Stores `value` under `key` in `table`, replacing what was there.
    public mutating func put(_ value: [UInt8], for key: [UInt8], in table: String) throws {
        let db = try reader.database(table)
        try checkKey(key)
        try key.withUnsafeBytes { k in
            try value.withUnsafeBytes { v in try reader.txn.put(db, key: k, value: v) }
        }
    }

    /// Deletes `key` from `table`; returns false when it was not there.
    @discardableResult
    public mutating func delete(_ key: [UInt8], in table: String) throws -> Bool {
        let db = try reader.database(table)
        try checkKey(key)
        return try key.withUnsafeBytes { try reader.txn.delete(db, key: $0) }
    }

    /// Deletes every entry of `table` whose key starts with `prefix`; returns how many.
    @discardableResult
    public mutating func deleteAll(in table: String, prefix: [UInt8] = []) throws -> Int {
        let keys = try reader.keys(in: table, prefix: prefix)
        for key in keys { try delete(key, in: table) }
        return keys.count
    }

    private func checkKey(_ key: [UInt8]) throws {
        guard !key.isEmpty, key.count <= Self.maxKeySize else {
            throw EventLogError(.invalidArgument, "a key must have 1 to \(Self.maxKeySize) bytes, not \(key.count)")
        }
    }
}
