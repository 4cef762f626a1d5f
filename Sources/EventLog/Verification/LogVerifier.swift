/// Walks a store and checks everything it can without trusting any of it.
///
/// 1. Records, in position order: dense keys from 1, well-formed lengths, the key equal to the
///    stored position, the CRC-32C, the hash-chain link, non-decreasing recorded-at, and dense
///    versions within each stream. An anchor, if given, must match the chain at its position.
/// 2. The `streams` table: it names exactly the streams the records show, with numbers that are
///    unique and below the next number to hand out.
/// 3. The stream index: each stream's runs cover its versions without gap or overlap, and each
///    covered event is the record with that stream and version. The event-id index: each entry
///    points at a record that carries its id, and there is exactly one entry per record.
///
/// Everything is read in one read transaction, a consistent snapshot, so appends running at the
/// same time are simply not seen. The first problem is thrown as an ``EventLogError`` naming the
/// position.
struct LogVerifier {
    let log: EventLog
    let anchor: LogHead?
    let progress: ((UInt64, UInt64) -> Void)?

    func run() throws -> VerificationReport {
        // The snapshot holds the reader gate throughout: grow the map first, as a backup does.
        try log.makeHeadroom(fraction: min(0.5, log.growthThreshold))
        return try log.read { txn in try run(in: txn) }
    }

    private func run(in txn: LMDBTransaction) throws -> VerificationReport {
        let dbs = log.dbs
        let head = try txn.headPosition(in: dbs)
        var versions: [String: UInt64] = [:]
        let last = try checkRecords(txn, head: head, versions: &versions)
        let numbers = try checkStreams(txn, versions: versions)
        let streamRuns = try checkStreamIndex(txn, numbers: numbers, versions: versions, head: head)
        let idEntries = try checkEventIDIndex(txn)
        guard UInt64(idEntries) == head else {
            throw EventLogError(.indexMismatch, "the event-id index has \(idEntries) entries for \(head) records")
        }
        return VerificationReport(
            events: head, streams: versions.count, streamIndexRuns: streamRuns, eventIDIndexEntries: idEntries,
            head: last, anchor: anchor)
    }

    // MARK: Records

    private func checkRecords(
        _ txn: LMDBTransaction, head: UInt64, versions: inout [String: UInt64]
    ) throws -> LogHead {
        var expected: UInt64 = 1
        var chain = ChainHash.genesis.bytes
        var link = [UInt8](repeating: 0, count: 32)
        var lastTime = Int64.min
        var anchorSeen = anchor == nil || anchor?.position == 0
        if let anchor, anchor.position == 0, anchor.hash != .genesis {
            throw EventLogError(.anchorMismatch, "an anchor at position 0 must be the genesis hash", position: 0)
        }
        try walk(txn, log.dbs.events) { key, value in
            let position = key.nativeUInt64 ?? 0
            guard position == expected else {
                throw EventLogError(
                    position > expected ? .positionGap : .malformedRecord,
                    "expected position \(expected), found key \(position)", position: expected)
            }
            let record = try RecordView(value, at: position)
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
            let version = versions[stream, default: 0] + 1
            guard record.streamVersion == version else {
                throw EventLogError(
                    .streamVersionGap, "expected version \(version), found \(record.streamVersion)",
                    position: position, stream: stream)
            }
            versions[stream] = version
            if let anchor, anchor.position == position {
                guard chain == anchor.hash.bytes else {
                    throw EventLogError(.anchorMismatch, "the chain differs from the anchored hash", position: position)
                }
                anchorSeen = true
            }
            if position % 65_536 == 0 { progress?(position, head) }
            expected += 1
        }
        if let anchor, !anchorSeen {
            throw EventLogError(
                .anchorMismatch, "the log ends at \(head), before the anchored position", position: anchor.position)
        }
        progress?(head, head)
        return LogHead(position: head, hash: ChainHash(unchecked: chain))
    }

    // MARK: Tables and indexes

    /// Checks the `streams` table against the streams the records showed; returns number → name.
    private func checkStreams(_ txn: LMDBTransaction, versions: [String: UInt64]) throws -> [UInt64: String] {
        var numbers: [UInt64: String] = [:]
        let nextStream = try txn.meta(.nextStream, in: log.dbs) ?? 1
        let listed = try walk(txn, log.dbs.streams) { key, value in
            let name = String(decoding: key, as: UTF8.self)
            guard let number = value.nativeUInt64, number < nextStream,
                numbers.updateValue(name, forKey: number) == nil
            else {
                throw EventLogError(.indexMismatch, "the streams table entry is malformed or its number reused", stream: name)
            }
            guard versions[name] != nil else {
                throw EventLogError(.indexMismatch, "the streams table lists a stream with no records", stream: name)
            }
        }
        guard listed == versions.count else {
            throw EventLogError(.indexMismatch, "the streams table lists \(listed) streams, the records \(versions.count)")
        }
        return numbers
    }

    /// Checks that each stream's runs cover versions 1 through its version with no gap or overlap,
    /// and that every event a run covers is the record with that stream and version. Returns the
    /// number of runs; throws unless the runs cover exactly `head` events.
    private func checkStreamIndex(
        _ txn: LMDBTransaction, numbers: [UInt64: String], versions: [String: UInt64], head: UInt64
    ) throws -> Int {
        var nextVersion: [UInt64: UInt64] = [:]
        var covered: UInt64 = 0
        let runs = try walk(txn, log.dbs.streamIndex) { key, value in
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
                guard let record = try txn.record(at: position, in: log.dbs),
                    record.streamBytes.elementsEqual(name.utf8), record.streamVersion == entry.version &+ offset
                else {
                    throw EventLogError(
                        .indexMismatch, "the stream index run for version \(entry.version) does not match its records",
                        position: position, stream: name)
                }
            }
            nextVersion[entry.stream] = entry.version + run.count
            covered += run.count
        }
        for (number, name) in numbers where nextVersion[number, default: 1] - 1 != versions[name] ?? 0 {
            throw EventLogError(.indexMismatch, "the stream index does not cover the stream's versions", stream: name)
        }
        guard covered == head else {
            throw EventLogError(.indexMismatch, "the stream index covers \(covered) events of \(head)")
        }
        return runs
    }

    private func checkEventIDIndex(_ txn: LMDBTransaction) throws -> Int {
        try walk(txn, log.dbs.eventIDs) { key, value in
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

    /// Visits every entry of `db` in key order; returns how many there were.
    @discardableResult
    private func walk(
        _ txn: LMDBTransaction, _ db: LMDBDatabase,
        _ visit: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void
    ) throws -> Int {
        try txn.withCursor(db) { cursor in
            var count = 0
            var entry = try cursor.move(.first)
            while let current = entry {
                try visit(current.key, current.value)
                count += 1
                entry = try cursor.move(.next)
            }
            return count
        }
    }
}

extension EventLog {
    /// Checks every record's checksum and chain link, dense positions and stream versions, and that
    /// the streams table, the stream index and the event-id index agree with the records.
    ///
    /// The walk reads one consistent snapshot: appends made meanwhile are not checked, and do not
    /// disturb the check.
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
