internal import CLMDB

/// The named LMDB databases of a store and the shape of their entries.
///
/// | database      | key                              | value                        |
/// |---------------|----------------------------------|------------------------------|
/// | `events`      | position (native u64)            | the record (``RecordLayout``)|
/// | `event-ids`   | event id (16 bytes, big-endian)  | position (native u64)        |
/// | `streams`     | stream name (UTF-8)              | stream number (native u64)   |
/// | `stream-index`| stream number, first version (BE)| first position, count (u64s) |
/// | `meta`        | name (UTF-8)                     | a native u64                 |
struct LogDatabases: Sendable {
    let events: LMDBDatabase
    let eventIDs: LMDBDatabase
    let streams: LMDBDatabase
    let streamIndex: LMDBDatabase
    let meta: LMDBDatabase

    static let count: UInt32 = 5

    init(environment: LMDBEnvironment, txn: LMDBTransaction, create: Bool) throws {
        let create = create ? Int32(MDB_CREATE) : 0
        events = try environment.openDatabase("events", flags: Int32(MDB_INTEGERKEY) | create, in: txn)
        eventIDs = try environment.openDatabase("event-ids", flags: create, in: txn)
        streams = try environment.openDatabase("streams", flags: create, in: txn)
        streamIndex = try environment.openDatabase("stream-index", flags: create, in: txn)
        meta = try environment.openDatabase("meta", flags: create, in: txn)
    }
}

/// Keys of the `meta` database.
enum MetaKey: String {
    /// The next stream number to hand out.
    case nextStream = "next-stream"
    /// The record format version.
    case format
    /// The durability the last writable open used (see `Durability.storedCode`).
    case durability
}

extension LMDBTransaction {
    func meta(_ key: MetaKey, in dbs: LogDatabases) throws -> UInt64? {
        var name = key.rawValue
        return try name.withUTF8 { nameBytes in
            try get(dbs.meta, key: UnsafeRawBufferPointer(nameBytes)).flatMap(\.nativeUInt64)
        }
    }

    func setMeta(_ key: MetaKey, _ value: UInt64, in dbs: LogDatabases) throws {
        var name = key.rawValue
        try name.withUTF8 { nameBytes in
            try withUnsafeBytes(of: value) { try put(dbs.meta, key: UnsafeRawBufferPointer(nameBytes), value: $0) }
        }
    }

    /// The stream's number and version, or nil when the stream does not exist.
    ///
    /// The `streams` table only maps names to numbers and is written once per stream; the version
    /// is the end of the stream's last run in the stream index, which every append writes anyway.
    func streamHead(_ name: UnsafeRawBufferPointer, in dbs: LogDatabases) throws -> StreamHead? {
        guard let number = try get(dbs.streams, key: name)?.nativeUInt64 else { return nil }
        return StreamHead(number: number, version: try lastVersion(ofStream: number, in: dbs))
    }

    /// The last version in stream `number`'s runs; 0 when it has none.
    func lastVersion(ofStream number: UInt64, in dbs: LogDatabases) throws -> UInt64 {
        try withCursor(dbs.streamIndex) { cursor in
            let entry = try StreamIndexKey(stream: number, version: .max).withBytes { try cursor.moveToLast(atOrBefore: $0) }
            guard let entry, let key = StreamIndexKey(bytes: entry.key), key.stream == number,
                let run = StreamRun(bytes: entry.value), run.count > 0
            else { return 0 }
            let (last, overflow) = key.version.addingReportingOverflow(run.count - 1)
            guard !overflow else {
                throw EventLogError(.indexMismatch, "a stream index run of stream \(number) overflows its versions")
            }
            return last
        }
    }

    /// The position of the event with `id`, or nil.
    func position(of id: EventID, in dbs: LogDatabases) throws -> UInt64? {
        try id.withKeyBytes { try get(dbs.eventIDs, key: $0) }.flatMap(\.nativeUInt64)
    }

    /// The last position in the log, 0 when it is empty.
    func headPosition(in dbs: LogDatabases) throws -> UInt64 {
        try withCursor(dbs.events) { try $0.move(.last)?.key.nativeUInt64 ?? 0 }
    }

    /// The last position and its chain hash; position 0 and the genesis hash for an empty log.
    func head(in dbs: LogDatabases) throws -> LogHead {
        try withLastRecord(in: dbs) { LogHead(position: $0.position, hash: ChainHash(unchecked: Array($0.chainHashBytes))) }
            ?? LogHead(position: 0, hash: .genesis)
    }

    /// Lends the last record to `body`; nil for an empty log.
    func withLastRecord<R>(in dbs: LogDatabases, _ body: (RecordView) throws -> R) throws -> R? {
        try withCursor(dbs.events) { cursor in
            guard let last = try cursor.move(.last) else { return nil }
            return try body(try RecordView(last.value, at: last.key.nativeUInt64 ?? 0))
        }
    }

    /// The record at `position`, validated, or nil when there is none.
    func record(at position: UInt64, in dbs: LogDatabases) throws -> RecordView? {
        try get(dbs.events, key: position).map { try RecordView($0, at: position) }
    }
}

extension EventID {
    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { try body($0) }
    }
}

extension UnsafeRawBufferPointer {
    /// The value as a native u64, or nil when it is not 8 bytes.
    var nativeUInt64: UInt64? {
        count == 8 ? loadUnaligned(fromByteOffset: 0, as: UInt64.self) : nil
    }
}
