/// Applies one group of appends inside a single write transaction.
///
/// Each append is planned in full (expected versions, idempotency, limits) before any of its
/// writes, against the state the earlier appends of the group left. So a rejected append writes
/// nothing and the others still commit. Positions, stream versions, recorded-at stamps and the hash
/// chain are assigned here, inside the transaction: dense, gap-free and monotonic.
///
/// Looking every event id up before writing would cost a B-tree search per event, yet ids are
/// almost never reused. So by default an append is planned without those look-ups and its ids are
/// inserted with `MDB_NOOVERWRITE` (and `MDB_APPEND`, since ids made in one process increase). If
/// an id turns out to be stored already, ``UnexpectedDuplicate`` is thrown: the caller aborts the
/// transaction and replays the group with that append `thorough`, which checks ids up front and so
/// turns the duplicate into an idempotent success or a typed rejection.
///
/// Storage errors (such as `MDB_MAP_FULL`) are thrown: the caller aborts the whole transaction and
/// may replay the group on a fresh ``GroupCommit``.
struct GroupCommit {
    private let txn: LMDBTransaction
    private let dbs: LogDatabases
    private(set) var lastPosition: UInt64 = 0
    private var lastRecordedAt: Int64 = .min
    private var chain = ChainHash.genesis.bytes
    private var heads: [String: StreamHead] = [:]
    private var nextStream: UInt64
    private let firstNewStream: UInt64
    private(set) var eventsWritten = 0
    private var currentAppend = 0

    init(txn: LMDBTransaction, dbs: LogDatabases) throws {
        self.txn = txn
        self.dbs = dbs
        nextStream = try txn.meta(.nextStream, in: dbs) ?? 1
        firstNewStream = nextStream
        if let last = try txn.withLastRecord(in: dbs, { ($0.position, $0.recordedAtMicros, Array($0.chainHashBytes)) }) {
            (lastPosition, lastRecordedAt, chain) = last
        }
    }

    /// Thrown when an append planned without id look-ups meets an id that is already stored.
    struct UnexpectedDuplicate: Error {
        /// The append's index in the group.
        var append: Int
    }

    /// Plans and writes one append; a rejection comes back as a failure, storage errors are thrown.
    /// - Parameter thorough: look every id up before writing (see the type's discussion).
    /// - Parameter index: the append's index in the group, for ``UnexpectedDuplicate``.
    mutating func apply(_ append: PendingAppend, thorough: Bool, index: Int) throws -> Result<AppendResult, EventLogError> {
        let plans: [BatchPlan]
        do {
            plans = try plan(append.batches, thorough: thorough)
        } catch let rejection as Rejection {
            // A retried append that already landed is rejected by its expected version; only the
            // id look-ups can tell, so a rejection is planned again with them.
            guard !thorough else { return .failure(rejection.error) }
            return try apply(append, thorough: true, index: index)
        }
        currentAppend = index
        let recordedAt = max(append.requestedAtMicros, lastRecordedAt)
        var results: [AppendedBatch] = []
        for (batch, plan) in zip(append.batches, plans) {
            switch plan {
            case .duplicate(let existing): results.append(existing)
            case .write(let head): results.append(try write(batch, after: head, recordedAt: recordedAt))
            }
        }
        return .success(AppendResult(batches: results))
    }

    /// Records the group's bookkeeping; call once, after the last ``apply(_:)``.
    ///
    /// The `meta` database is written only when new streams were numbered, so that most commits
    /// dirty no page of it (each page a commit touches is written and synced).
    func finish() throws {
        if nextStream != firstNewStream { try txn.setMeta(.nextStream, nextStream, in: dbs) }
    }

    // MARK: Planning

    private enum BatchPlan {
        case duplicate(AppendedBatch)
        /// Write after this head (version 0 and a fresh number for a new stream).
        case write(StreamHead)
    }

    private struct Rejection: Error { var error: EventLogError }

    private mutating func plan(_ batches: [AppendBatch], thorough: Bool) throws -> [BatchPlan] {
        guard !batches.isEmpty else { throw reject(.invalidArgument, "an append needs at least one batch") }
        var seen: Set<EventID>? = thorough ? Set(minimumCapacity: batches.reduce(0) { $0 + $1.events.count }) : nil
        var planned: [String: StreamHead] = [:]
        var streamsCreated: UInt64 = 0
        var plans: [BatchPlan] = []
        for batch in batches {
            try validate(batch, seen: &seen)
            if thorough, let duplicate = try duplicate(of: batch) {
                plans.append(.duplicate(duplicate))
                continue
            }
            var head = try planned[batch.stream] ?? currentHead(batch.stream)
                ?? StreamHead(number: nextStream + streamsCreated, version: 0)
            if head.number == nextStream + streamsCreated { streamsCreated += 1 }
            guard batch.expected.accepts(head.version) else {
                throw reject(
                    .wrongExpectedVersion,
                    "expected \(batch.expected), but the stream is at version \(head.version)", stream: batch.stream)
            }
            plans.append(.write(head))
            head.version += UInt64(batch.events.count)
            planned[batch.stream] = head
        }
        nextStream += streamsCreated
        return plans
    }

    /// Checks limits; with `seen`, also that no id repeats within the append.
    private func validate(_ batch: AppendBatch, seen: inout Set<EventID>?) throws {
        let stream = batch.stream
        guard !stream.isEmpty, stream.utf8.count <= RecordLayout.maxNameBytes else {
            throw reject(.invalidArgument, "a stream name needs 1 to \(RecordLayout.maxNameBytes) UTF-8 bytes", stream: stream)
        }
        guard !batch.events.isEmpty else { throw reject(.invalidArgument, "a batch needs at least one event", stream: stream) }
        for event in batch.events {
            guard !event.type.isEmpty, event.type.utf8.count <= RecordLayout.maxNameBytes else {
                throw reject(.invalidArgument, "an event type needs 1 to \(RecordLayout.maxNameBytes) UTF-8 bytes", stream: stream)
            }
            guard event.actor.utf8.count <= RecordLayout.maxNameBytes else {
                throw reject(.invalidArgument, "an actor may have at most \(RecordLayout.maxNameBytes) UTF-8 bytes", stream: stream)
            }
            guard event.payload.count <= RecordLayout.maxPayloadBytes else {
                throw reject(.invalidArgument, "a payload may have at most \(RecordLayout.maxPayloadBytes) bytes", stream: stream)
            }
            guard event.id != .zero, seen?.insert(event.id).inserted ?? true else {
                throw reject(.invalidArgument, "event id \(event.id) is zero or repeated within the append", stream: stream)
            }
        }
    }

    /// The original result when every event of the batch is already stored with the same content;
    /// nil when none is; a rejection when only some are, or when content differs.
    private func duplicate(of batch: AppendBatch) throws -> AppendedBatch? {
        var matched: [(position: UInt64, version: UInt64)] = []
        for event in batch.events {
            guard let position = try txn.position(of: event.id, in: dbs) else { continue }
            guard let record = try txn.record(at: position, in: dbs), record.holds(event, stream: batch.stream) else {
                throw reject(
                    .eventIDConflict, "event id \(event.id) is already stored with different content",
                    position: position, stream: batch.stream)
            }
            matched.append((position, record.streamVersion))
        }
        if matched.isEmpty { return nil }
        guard matched.count == batch.events.count, let first = matched.first, let last = matched.last else {
            throw reject(
                .eventIDConflict, "\(matched.count) of the batch's \(batch.events.count) event ids are already stored",
                position: matched.first?.position, stream: batch.stream)
        }
        return AppendedBatch(
            stream: batch.stream, positions: first.position...max(first.position, last.position),
            versions: first.version...max(first.version, last.version), wasDuplicate: true)
    }

    private mutating func currentHead(_ stream: String) throws -> StreamHead? {
        if let head = heads[stream] { return head }
        var name = stream
        return try name.withUTF8 { try txn.streamHead(UnsafeRawBufferPointer($0), in: dbs) }
    }

    private func reject(
        _ code: EventLogError.Code, _ message: String, position: UInt64? = nil, stream: String? = nil
    ) -> Rejection {
        Rejection(error: EventLogError(code, message, position: position, stream: stream))
    }

    // MARK: Writing

    private mutating func write(_ batch: AppendBatch, after start: StreamHead, recordedAt: Int64) throws -> AppendedBatch {
        var head = start
        let firstPosition = lastPosition + 1
        var name = batch.stream
        try name.withUTF8 { utf8 in
            let streamBytes = UnsafeRawBufferPointer(utf8)
            for event in batch.events {
                head.version += 1
                try writeRecord(event, stream: streamBytes, head: head, recordedAt: recordedAt)
            }
            if start.version == 0 {
                // A new stream: its name gets its number, once.
                try withUnsafeBytes(of: head.number) { try txn.put(dbs.streams, key: streamBytes, value: $0) }
            }
            let run = StreamRun(firstPosition: firstPosition, count: UInt64(batch.events.count))
            let fresh = try StreamIndexKey(stream: head.number, version: start.version + 1).withBytes { key in
                try run.withBytes { try txn.insert(dbs.streamIndex, key: key, value: $0) }
            }
            guard fresh else {
                throw EventLogError(
                    .indexMismatch, "the stream index already holds a run at version \(start.version + 1)",
                    position: firstPosition, stream: batch.stream)
            }
        }
        heads[batch.stream] = head
        lastRecordedAt = recordedAt
        return AppendedBatch(
            stream: batch.stream, positions: firstPosition...lastPosition,
            versions: (start.version + 1)...head.version, wasDuplicate: false)
    }

    private mutating func writeRecord(
        _ event: ProposedEvent, stream: UnsafeRawBufferPointer, head: StreamHead, recordedAt: Int64
    ) throws {
        // The stream index gets one run per batch (in `write`), not an entry per event.
        let position = lastPosition + 1
        let stamp = RecordEncoder.Stamp(position: position, streamVersion: head.version, recordedAtMicros: recordedAt)
        let size = RecordEncoder.size(of: event, streamBytes: stream.count)
        try txn.putReserved(dbs.events, key: position, size: size, append: true) { record in
            RecordEncoder.encode(event, stream: stream, stamp: stamp, into: record, chain: &chain)
        }
        let fresh = try withUnsafeBytes(of: position) { positionBytes in
            try event.id.withKeyBytes { try txn.insert(dbs.eventIDs, key: $0, value: positionBytes, appending: true) }
        }
        guard fresh else { throw UnexpectedDuplicate(append: currentAppend) }
        lastPosition = position
        eventsWritten += 1
    }
}

extension RecordView {
    /// True when this record carries the same content as `event` would in `stream`.
    func holds(_ event: ProposedEvent, stream: String) -> Bool {
        // Bytes, not `String ==`: canonically equal but differently encoded text is other content.
        id == event.id && schemaVersion == event.schemaVersion && correlationID == event.correlationID
            && causationID == event.causationID && streamBytes.elementsEqual(stream.utf8)
            && typeBytes.elementsEqual(event.type.utf8) && actorBytes.elementsEqual(event.actor.utf8)
            && payload.elementsEqual(event.payload)
    }
}
