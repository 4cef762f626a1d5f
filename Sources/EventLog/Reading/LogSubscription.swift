/// A live subscription: every event from a position on, in order, exactly once; it catches up
/// from the log and then follows new appends.
///
/// ```swift
/// for try await event in log.subscribe(from: 1) { … }
/// ```
/// The sequence ends when the task is cancelled or the log is closed. Appends made through the
/// same ``EventLog`` instance wake it at once; appends by other processes are picked up by a poll
/// every `pollInterval` while it waits.
public struct LogSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let log: EventLog
    let start: UInt64
    let batchSize: Int
    let pollInterval: Duration

    public func makeAsyncIterator() -> Iterator {
        Iterator(log: log, next: Swift.max(start, 1), batchSize: Swift.max(batchSize, 1), pollInterval: pollInterval)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let log: EventLog
        var next: UInt64
        let batchSize: Int
        let pollInterval: Duration
        var buffer: [RecordedEvent] = []
        var index = 0

        public mutating func next() async throws -> RecordedEvent? {
            while true {
                if index < buffer.count {
                    defer { index += 1 }
                    return buffer[index]
                }
                if Task.isCancelled { return nil }
                do {
                    buffer = try log.read(from: next, limit: batchSize)
                } catch let error as EventLogError where error.code == .closed {
                    return nil
                }
                index = 0
                if let last = buffer.last {
                    next = last.position + 1
                    continue
                }
                if log.signal.isClosed { return nil }
                await waitForAppends()
            }
        }

        /// Waits for this process's next append past `next`, or for the poll interval.
        private func waitForAppends() async {
            let signal = log.signal
            let position = next - 1
            let interval = pollInterval
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await signal.wait(above: position) }
                group.addTask { try? await Task.sleep(for: interval) }
                await group.next()
                group.cancelAll()
            }
        }
    }
}

extension EventLog {
    /// Subscribes to every event from `position` (inclusive) on. Each read takes up to `batchSize`
    /// events in one short read transaction; while caught up, the store is polled every
    /// `pollInterval` for appends made by other processes.
    public func subscribe(
        from position: UInt64 = 1, batchSize: Int = 512, pollInterval: Duration = .seconds(1)
    ) -> LogSubscription {
        LogSubscription(log: self, start: position, batchSize: batchSize, pollInterval: pollInterval)
    }
}
