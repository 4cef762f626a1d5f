import EventLog

/// The events every append measurement writes: `events` events of `payloadBytes`, in batches of
/// `batch` to one of 100 streams, the same shape as the SQLite baseline's rows.
struct BenchWorkload: Sendable {
    var events: Int
    var batch: Int
    var payloadBytes: Int

    static let type = "SampleEvent"
    static let actor = "bench"
    static let streams = 100

    /// The size of one record as the log stores it; the raw LMDB loop writes values of this size.
    var recordBytes: Int {
        RecordLayout.size(stream: "stream-00".utf8.count, type: Self.type.utf8.count, actor: Self.actor.utf8.count, payload: payloadBytes)
    }

    func prefix(_ count: Int) -> BenchWorkload {
        BenchWorkload(events: max(batch, count - count % batch), batch: batch, payloadBytes: payloadBytes)
    }

    /// Built before the clock starts, so that id generation is not measured.
    func batches() -> [AppendBatch] {
        let payload = [UInt8](repeating: 0x42, count: payloadBytes)
        return stride(from: 0, to: events, by: batch).map { start in
            let stream = "stream-" + String(start / batch % Self.streams + 100).suffix(2)
            let count = min(batch, events - start)
            return AppendBatch(stream: String(stream), events: (0..<count).map { _ in
                ProposedEvent(type: Self.type, actor: Self.actor, payload: payload)
            })
        }
    }
}
