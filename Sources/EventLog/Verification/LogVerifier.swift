/// Walks a store and checks everything it can without trusting any of it.
///
/// 1. Records, in position order: dense keys from 1, well-formed lengths, the key equal to the
///    stored position, the CRC-32C, the hash-chain link, non-decreasing recorded-at, and dense
///    versions within each stream. An anchor, if given, must match the chain at its position.
/// 2. The `streams` table: each stream's version equals the events seen for it.
/// 3. The stream index: each stream's runs cover its versions without gap or overlap, and each
///    covered event is the record with that stream and version. The event-id index: each entry
///    points at a record that carries its id, and there is exactly one entry per record.
///
/// The first problem is thrown as an ``EventLogError`` naming the position.
struct LogVerifier {
    let log: EventLog
    let anchor: LogHead?
    let progress: ((UInt64, UInt64) -> Void)?

    private struct StreamTally {
        var version: UInt64 = 0
    }

    func run() throws -> VerificationReport {
        let head = try log.headPosition()
        var tallies: [String: StreamTally] = [:]
        let last = try checkRecords(through: head, tallies: &tallies)
        let numbers = try checkStreams(tallies)
        let streamRuns = try checkStreamIndex(numbers: numbers, tallies: tallies, head: head)
        let idEntries = try checkEventIDIndex()
        guard UInt64(idEntries) == head else {
            throw EventLogError(.indexMismatch, "the event-id index has \(idEntries) entries for \(head) records")
        }
        return VerificationReport(
            events: head, streams: tallies.count, streamIndexRuns: streamRuns, eventIDIndexEntries: idEntries,
            head: last, anchor: anchor)
    }

    // MARK: Records

    private func checkRecords(through head: UInt64, tallies: inout [String: StreamTally]) throws -> LogHead {
        var expected: UInt64 = 1
        var chain = ChainHash.genesis.bytes
        var link = [UInt8](repeating: 0, count: 32)
        var lastTime = Int64.min
        var anchorSeen = anchor == nil || anchor?.position == 0
        if let anchor, anchor.position == 0, anchor.hash != .genesis {
            throw EventLogError(.anchorMismatch, "an anchor at position 0 must be the genesis hash", position: 0)
        }
        try log.scan(from: 1, limit: Int(clamping: head)) { record in
            let position = record.key
            guard position == expected else {
                throw EventLogError(
                    position > expected ? .positionGap : .malformedRecord,
                    "expected position \(expected), found key \(position)", position: expected)
            }
            guard record.checksumMatches else {
                throw EventLogError(.checksumMismatch, "the record's CRC-32C does not match its bytes", position: position)
            }
            guard record.position == position else {
                throw EventLogError(.malformedRecord, "the record says position \(record.position)", position: position)
            }
            chain.withUnsafeBytes { previous in
                link.withUnsafeMutableBytes { ChainHash.link(previous: previous, record: record.rawBytes, into: $0) }
            }
            guard link.elementsEqual(record.chainHashBytes) else {
                throw EventLogError(.chainBroken, "the hash chain does not link at this record", position: position)
            }
            swap(&chain, &link)
            guard record.recordedAtMicros >= lastTime else {
                throw EventLogError(.malformedRecord, "recorded-at goes backwards", position: position)
            }
            lastTime = record.recordedAtMicros
            let stream = record.stream
            let version = tallies[stream, default: StreamTally()].version + 1
            guard record.streamVersion == version else {
                throw EventLogError(
                    .streamVersionGap, "expected version \(version), found \(record.streamVersion)",
                    position: position, stream: stream)
            }
            tallies[stream] = StreamTally(version: version)
            if let anchor, anchor.position == position {
                guard chain == anchor.hash.bytes else {
                    throw EventLogError(.anchorMismatch, "the chain differs from the anchored hash", position: position)
                }
                anchorSeen = true
            }
            if position % 65_536 == 0 { progress?(position, head) }
            expected += 1
        }
        guard expected == head + 1 else {
            throw EventLogError(.positionGap, "the log ends at \(expected - 1), before its head \(head)", position: expected)
        }
        if let anchor, !anchorSeen {
            throw EventLogError(
                .anchorMismatch, "the log ends at \(head), before the anchored position", position: anchor.position)
        }
        progress?(head, head)
        return LogHead(position: head, hash: ChainHash(unchecked: chain))
    }

    // MARK: Tables and indexes

    /// Checks the `streams` table against the tallies; returns stream number → name.
    private func checkStreams(_ tallies: [String: StreamTally]) throws -> [UInt64: String] {
        var numbers: [UInt64: String] = [:]
        var listed = 0
        try walk(log.dbs.streams) { key, value in
            let name = String(decoding: key, as: UTF8.self)
            guard let head = StreamHead(bytes: value), numbers.updateValue(name, forKey: head.number) == nil else {
                throw EventLogError(.indexMismatch, "the streams table entry is malformed or reused", stream: name)
            }
            guard head.version == tallies[name]?.version ?? 0 else {
                throw EventLogError(
                    .indexMismatch, "the streams table says version \(head.version), the records \(tallies[name]?.version ?? 0)",
                    stream: name)
            }
            listed += 1
        }
        guard listed == tallies.count else {
            throw EventLogError(.indexMismatch, "the streams table lists \(listed) streams, the records \(tallies.count)")
        }
        return numbers
    }

    /// Checks that each stream's runs cover versions 1 through its version with no gap or overlap,
    /// and that every event a run covers is the record with that stream and version. Returns the
    /// number of runs; throws unless the runs cover exactly `head` events.
    private func checkStreamIndex(
        numbers: [UInt64: String], tallies: [String: StreamTally], head: UInt64
    ) throws -> Int {
        var nextVersion: [UInt64: UInt64] = [:]
        var covered: UInt64 = 0
        let runs = try walk(log.dbs.streamIndex) { key, value, txn in
            let run = StreamRun(bytes: value)
            guard let entry = StreamIndexKey(bytes: key), let run, let name = numbers[entry.stream],
                run.count > 0, run.firstPosition >= 1, run.firstPosition <= head, run.count <= head - run.firstPosition + 1
            else {
                let position = run.map(\.firstPosition).flatMap { (1...max(head, 1)).contains($0) ? $0 : nil }
                throw EventLogError(.indexMismatch, "a stream index run is malformed or names no stream", position: position)
            }
            guard entry.version == nextVersion[entry.stream, default: 1] else {
                throw EventLogError(
                    .indexMismatch, "the stream index runs skip or overlap at version \(entry.version)",
                    position: run.firstPosition, stream: name)
            }
            for offset in 0..<run.count {
                let position = run.firstPosition + offset
                guard let record = try txn.record(at: position, in: log.dbs), record.stream == name,
                    record.streamVersion == entry.version + offset
                else {
                    throw EventLogError(
                        .indexMismatch, "the stream index run for version \(entry.version) does not match its records",
                        position: position, stream: name)
                }
            }
            nextVersion[entry.stream] = entry.version + run.count
            covered += run.count
        }
        for (number, name) in numbers where nextVersion[number, default: 1] - 1 != tallies[name]?.version ?? 0 {
            throw EventLogError(.indexMismatch, "the stream index does not cover the stream's versions", stream: name)
        }
        guard covered == head else {
            throw EventLogError(.indexMismatch, "the stream index covers \(covered) events of \(head)")
        }
        return runs
    }

    private func checkEventIDIndex() throws -> Int {
        try walk(log.dbs.eventIDs) { key, value, txn in
            guard key.count == 16, let position = value.nativeUInt64 else {
                throw EventLogError(.indexMismatch, "an event-id index entry is malformed")
            }
            let id = EventID(
                high: UInt64(bigEndian: key.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                low: UInt64(bigEndian: key.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
            guard let record = try txn.record(at: position, in: log.dbs), record.id == id else {
                throw EventLogError(.indexMismatch, "the event-id index entry for \(id) does not match its record", position: position)
            }
        }
    }

    @discardableResult
    private func walk(
        _ db: LMDBDatabase, _ visit: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        try walk(db) { key, value, _ in try visit(key, value) }
    }

    /// Visits every entry of `db` in key order, renewing the read transaction per batch.
    @discardableResult
    private func walk(
        _ db: LMDBDatabase, _ visit: (UnsafeRawBufferPointer, UnsafeRawBufferPointer, LMDBTransaction) throws -> Void
    ) throws -> Int {
        var resumeKey: [UInt8]?
        var visited = 0
        while true {
            let (count, lastKey) = try log.read { txn in
                try txn.withCursor(db) { cursor -> (Int, [UInt8]?) in
                    var entry: LMDBCursor.Entry?
                    if let resumeKey {
                        entry = try resumeKey.withUnsafeBytes { try cursor.move(.atOrAfter, key: $0) }
                        if let current = entry, current.key.elementsEqual(resumeKey) { entry = try cursor.move(.next) }
                    } else {
                        entry = try cursor.move(.first)
                    }
                    var count = 0
                    var lastKey: [UInt8]?
                    while let current = entry, count < EventLog.defaultBatchSize {
                        try visit(current.key, current.value, txn)
                        count += 1
                        lastKey = Array(current.key)
                        entry = try cursor.move(.next)
                    }
                    return (count, lastKey)
                }
            }
            visited += count
            guard count == EventLog.defaultBatchSize, let lastKey else { return visited }
            resumeKey = lastKey
        }
    }
}

extension EventLog {
    /// Checks every record's checksum and chain link, dense positions and stream versions, and that
    /// the stream index and the event-id index agree with the records.
    ///
    /// - Parameter anchor: a head printed earlier (``LogHead``); the chain at its position must still
    ///   have its hash, which exposes a chain an attacker rewrote and re-hashed.
    /// - Parameter progress: called now and then with (checked, total) records.
    /// - Throws: ``EventLogError`` naming the first bad position.
    ///
    /// LMDB keeps no page checksums, so a corrupt page can crash the reading process. Run this in a
    /// child process when the store may be damaged, as `callstack log verify` does.
    public func verify(
        anchor: LogHead? = nil, progress: ((UInt64, UInt64) -> Void)? = nil
    ) throws -> VerificationReport {
        try LogVerifier(log: self, anchor: anchor, progress: progress).run()
    }
}
