import Synchronization

extension EventLog {
    /// Appends exported records verbatim: the same positions, stream versions, recorded-at stamps,
    /// ids and content, so that the hash chain comes out identical. This is how a store is rebuilt
    /// from an export (`callstack restore`).
    ///
    /// The records must continue the log: the first at the head + 1, positions dense, each stream's
    /// versions dense, recorded-at never decreasing. Consecutive records with one recorded-at form
    /// one append (one stamp), and all of them are queued at once, so the writer commits many in
    /// each transaction.
    ///
    /// - Throws: ``EventLogError`` — `.invalidArgument` for records that do not continue the log
    ///   (nothing written), `.chainBroken` when the rebuilt chain does not end in the last record's
    ///   chain hash (the export was altered: the records were written, so restore into a scratch
    ///   store and discard it on error), or the append's own errors.
    public func restore(_ records: [RecordedEvent]) async throws {
        guard let last = records.last else { return }
        let appends = try restorePlan(records, head: try headPosition())
        let collector = Mutex<(pending: Int, failure: EventLogError?)>((appends.count, nil))
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let complete: @Sendable (Result<AppendResult, EventLogError>) -> Void = { result in
                let done: (finished: Bool, failure: EventLogError?) = collector.withLock { state in
                    if case .failure(let error) = result, state.failure == nil { state.failure = error }
                    state.pending -= 1
                    return (state.pending == 0, state.failure)
                }
                guard done.finished else { return }
                if let failure = done.failure { continuation.resume(throwing: failure) } else { continuation.resume() }
            }
            guard let writer = writerBox.withLock({ $0 }) else {
                continuation.resume(throwing: EventLogError(.closed, "the log at \(path) is closed or read-only"))
                return
            }
            for append in appends {
                let pending = PendingAppend(batches: append.batches, requestedAtMicros: append.recordedAtMicros, complete: complete)
                if !writer.submit(pending) { complete(.failure(EventLogError(.closed, "the log at \(path) closed"))) }
            }
        }
        let head = try head()
        guard head.position == last.position, head.hash == last.chainHash else {
            throw EventLogError(
                .chainBroken, "the restored chain ends in \(head.hash), the export says \(last.chainHash)",
                position: head.position)
        }
    }

    private struct RestoreAppend: Sendable {
        var recordedAtMicros: Int64
        var batches: [AppendBatch]
    }

    /// Groups the records into appends (one per recorded-at) of batches (one per run of a stream),
    /// checking that they continue the log.
    private func restorePlan(_ records: [RecordedEvent], head: UInt64) throws -> [RestoreAppend] {
        var appends: [RestoreAppend] = []
        var expectedPosition = head + 1
        var previousStamp = Int64.min
        for record in records {
            guard record.position == expectedPosition else {
                throw EventLogError(.invalidArgument, "expected position \(expectedPosition) next", position: record.position)
            }
            guard record.recordedAtMicros >= previousStamp else {
                throw EventLogError(.invalidArgument, "recorded-at goes back in time", position: record.position)
            }
            guard record.streamVersion >= 1 else {
                throw EventLogError(.invalidArgument, "stream versions start at 1", position: record.position, stream: record.stream)
            }
            let event = ProposedEvent(
                id: record.id, type: record.type, schemaVersion: record.schemaVersion, actor: record.actor,
                correlationID: record.correlationID, causationID: record.causationID, payload: record.payload)
            if record.recordedAtMicros != previousStamp || appends.isEmpty {
                appends.append(RestoreAppend(recordedAtMicros: record.recordedAtMicros, batches: []))
            }
            let index = appends.count - 1
            if let batch = appends[index].batches.last, batch.stream == record.stream,
                let base = batch.expected.exactVersion, record.streamVersion > base,
                record.streamVersion - base - 1 == UInt64(batch.events.count)
            {
                appends[index].batches[appends[index].batches.count - 1].events.append(event)
            } else {
                let expected: ExpectedVersion = record.streamVersion == 1 ? .noStream : .exact(record.streamVersion - 1)
                appends[index].batches.append(AppendBatch(stream: record.stream, expected: expected, events: [event]))
            }
            expectedPosition += 1
            previousStamp = record.recordedAtMicros
        }
        return appends
    }
}

extension ExpectedVersion {
    /// The version this expects exactly: 0 for `.noStream`; nil when it accepts several.
    fileprivate var exactVersion: UInt64? {
        switch self {
        case .noStream: 0
        case .exact(let version): version
        default: nil
        }
    }
}
