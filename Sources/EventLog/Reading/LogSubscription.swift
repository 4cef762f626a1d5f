/// A live subscription: every event from a position on, in order, exactly once; it catches up
/// from the log and then follows new appends.
///
/// ```swift
/// for try await event in log.subscribe(from: 1) { … }
/// ```
/// The sequence ends when the task is cancelled or the log is closed. It is woken by appends made
/// through the same ``EventLog`` instance; appends by other processes are seen on the next wake-up.
public struct LogSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let log: EventLog
    let start: UInt64
    let batchSize: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(log: log, next: Swift.max(start, 1), batchSize: Swift.max(batchSize, 1))
    }

    public struct Iterator: AsyncIteratorProtocol {
        let log: EventLog
        var next: UInt64
        let batchSize: Int
        var buffer: [RecordedEvent] = []
        var index = 0

        public mutating func next() async throws -> RecordedEvent? {
            while true {
                if index < buffer.count {
                    defer { index += 1 }
                    return buffer[index]
                }
                if Task.isCancelled { return nil }
                buffer = try log.read(from: next, limit: batchSize)
                index = 0
                if let last = buffer.last {
                    next = last.position + 1
                    continue
                }
                if log.signal.isClosed { return nil }
                await log.signal.wait(above: next - 1)
            }
        }
    }
}

extension EventLog {
    /// Subscribes to every event from `position` (inclusive) on. Each read takes up to `batchSize`
    /// events in one short read transaction.
    public func subscribe(from position: UInt64 = 1, batchSize: Int = 512) -> LogSubscription {
        LogSubscription(log: self, start: position, batchSize: batchSize)
    }
}
