public import Foundation

/// The direction of a stream read.
public enum ReadDirection: Sendable {
    case forwards, backwards
}

/// The last record of the log: its position and the chain hash that commits to everything before.
public struct LogHead: Hashable, Sendable, CustomStringConvertible {
    public var position: UInt64
    public var hash: ChainHash

    public init(position: UInt64, hash: ChainHash) {
        self.position = position
        self.hash = hash
    }

    /// `position:hash`, the form `callstack log verify --expect-head` takes.
    public var description: String { "\(position):\(hash.hex)" }

    /// Parses `position:hash`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = UInt64(parts[0]), let hash = ChainHash(hex: String(parts[1])) else {
            return nil
        }
        self.init(position: position, hash: hash)
    }
}

extension EventLog {
    /// How many events to read per read transaction in long reads.
    public static let defaultBatchSize = 4096

    /// The position of the last event, 0 for an empty log.
    public func headPosition() throws -> UInt64 {
        try read { try $0.headPosition(in: dbs) }
    }

    /// The last position and its chain hash; position 0 and the genesis hash for an empty log.
    public func head() throws -> LogHead {
        try read { try $0.head(in: dbs) }
    }

    /// The position of the event with `id`, or nil when the log does not hold it.
    public func position(of id: EventID) throws -> UInt64? {
        try read { txn in try txn.position(of: id, in: dbs) }
    }

    /// The number of events in `stream`: 0 when it does not exist.
    public func streamVersion(_ stream: String) throws -> UInt64 {
        var name = stream
        return try read { txn in
            try name.withUTF8 { try txn.streamHead(UnsafeRawBufferPointer($0), in: dbs)?.version ?? 0 }
        }
    }

    /// Events of one stream, starting at version `from` (inclusive) and going either way.
    ///
    /// Reading backwards from `UInt64.max` starts at the stream's last event.
    public func read(
        stream: String, from version: UInt64 = 1, direction: ReadDirection = .forwards, limit: Int = .max
    ) throws -> [RecordedEvent] {
        var name = stream
        return try read { txn in
            guard limit > 0,
                let head = try name.withUTF8({ try txn.streamHead(UnsafeRawBufferPointer($0), in: dbs) })
            else { return [] }
            var events: [RecordedEvent] = []
            var next = direction == .forwards ? max(version, 1) : min(version, head.version)
            try txn.withCursor(dbs.streamIndex) { cursor in
                while next >= 1, next <= head.version, events.count < limit {
                    let (firstVersion, run) = try Self.run(containing: next, of: head.number, cursor: cursor, stream: stream)
                    while next >= firstVersion, next - firstVersion < run.count, next >= 1, next <= head.version,
                        events.count < limit
                    {
                        let (position, overflow) = run.firstPosition.addingReportingOverflow(next - firstVersion)
                        guard !overflow, let record = try txn.record(at: position, in: dbs),
                            record.streamVersion == next, record.streamBytes.elementsEqual(stream.utf8)
                        else {
                            throw EventLogError(
                                .indexMismatch, "the stream index points version \(next) at a wrong record",
                                position: overflow ? nil : position, stream: stream)
                        }
                        events.append(record.materialize())
                        if direction == .forwards && next == .max { return }
                        next = direction == .forwards ? next + 1 : next - 1
                    }
                }
            }
            return events
        }
    }

    /// The stream-index run that holds `version` of stream `number`.
    private static func run(
        containing version: UInt64, of number: UInt64, cursor: LMDBCursor, stream: String
    ) throws -> (firstVersion: UInt64, run: StreamRun) {
        let entry = try StreamIndexKey(stream: number, version: version).withBytes { try cursor.moveToLast(atOrBefore: $0) }
        guard let entry, let found = StreamIndexKey(bytes: entry.key), let run = StreamRun(bytes: entry.value),
            found.stream == number, found.version <= version, version - found.version < run.count
        else {
            throw EventLogError(.indexMismatch, "the stream index has no run for version \(version)", stream: stream)
        }
        return (found.version, run)
    }

    /// Up to `limit` events from global position `from` (inclusive), copied out of the map.
    public func read(from position: UInt64, limit: Int = EventLog.defaultBatchSize) throws -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        try scan(from: position, limit: limit) { events.append($0.materialize()) }
        return events
    }

    /// Visits events in position order from `from` (inclusive), without copying them.
    ///
    /// The ``RecordView`` is valid only inside `body`. The read transaction is renewed every
    /// `batchSize` events, so a long scan never holds up the map's growth.
    /// - Returns: the number of events visited.
    @discardableResult
    public func scan(
        from position: UInt64 = 1, limit: Int = .max, batchSize: Int = EventLog.defaultBatchSize,
        _ body: (RecordView) throws -> Void
    ) throws -> Int {
        var next = max(position, 1)
        var visited = 0
        let batch = max(batchSize, 1)
        while visited < limit {
            let quota = min(batch, limit - visited)
            let (count, last) = try read { txn in
                try txn.withCursor(dbs.events) { cursor in
                    var count = 0
                    var last = next
                    var entry = try cursor.move(.atOrAfter, key: next)
                    while let current = entry, count < quota {
                        last = current.key.nativeUInt64 ?? 0
                        try body(try RecordView(current.value, at: last))
                        count += 1
                        entry = try cursor.move(.next)
                    }
                    return (count, last)
                }
            }
            visited += count
            if count < quota || last == .max { break }
            next = last + 1
        }
        return visited
    }

    /// The last position recorded at or before `time`; nil when the log starts later.
    ///
    /// Recorded-at never decreases along the log, so this is a binary search: O(log n) reads.
    public func position(at time: Date) throws -> UInt64? {
        guard let micros = time.unixMicroseconds else {
            throw EventLogError(.invalidArgument, "the time is not a finite date")
        }
        return try read { txn in
            var low: UInt64 = 1
            var high = try txn.headPosition(in: dbs)
            var found: UInt64?
            while low <= high {
                let middle = low + (high - low) / 2
                guard let record = try txn.record(at: middle, in: dbs) else {
                    throw EventLogError(.positionGap, "no record at position \(middle)", position: middle)
                }
                if record.recordedAtMicros <= micros {
                    found = middle
                    low = middle + 1
                } else {
                    high = middle - 1
                }
            }
            return found
        }
    }
}
