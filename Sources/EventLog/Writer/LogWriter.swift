import Foundation

/// The one thread that runs every LMDB write transaction of a store.
///
/// Appenders enqueue requests and suspend; the thread drains the queue, hands each run of queued
/// appends to `commitGroup` as one group (one LMDB commit, one fsync), and runs other write jobs
/// alone. No transaction ever leaves this thread, and none crosses an `await`.
final class LogWriter: @unchecked Sendable {
    private enum Job {
        case append(PendingAppend)
        case task(() -> Void)
    }

    /// The most appends merged into one commit.
    static let maxGroup = 1024

    private let condition = NSCondition()
    private var queue: [Job] = []
    private var stopping = false
    /// Jobs taken last time, and how many the thread waits for while lingering.
    private var lastTaken = 0
    private var wanted = 1
    /// The longest the thread lingers for a group to fill, in seconds; 0 never lingers.
    private let groupWindow: TimeInterval
    /// Set when the thread's loop has ended; `stop()` waits for it.
    private var finished = false
    /// The writer thread, once it runs: work it asks of itself runs inline instead of waiting.
    private var thread: pthread_t?
    private let commitGroup: ([PendingAppend]) -> Void

    init(name: String, groupWindow: TimeInterval = 0, commitGroup: @escaping ([PendingAppend]) -> Void) {
        self.commitGroup = commitGroup
        self.groupWindow = groupWindow
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Queues an append; false when the writer has stopped.
    func submit(_ append: PendingAppend) -> Bool {
        enqueue(.append(append))
    }

    /// Runs `body` on the writer thread and waits for it.
    func perform<R>(_ body: @escaping () throws -> R) throws -> R {
        if isWriterThread { return try body() }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<R, any Error> = .failure(EventLogError(.closed, "the log is closed"))
        // Released as soon as it has run: a caller may pass a closure that must not outlive the call.
        nonisolated(unsafe) var work: (() throws -> R)? = body
        let queued = enqueue(.task {
            if let job = work { result = Result { try job() } }
            work = nil
            done.signal()
        })
        if queued { done.wait() }
        return try result.get()
    }

    /// Jobs waiting for the thread; for tests that need a group to form.
    var queuedJobs: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Parks the thread until the returned closure is called, so that appends queue up behind it.
    /// Returns once the thread is parked, so ``queuedJobs`` then counts only later jobs.
    func pause() -> @Sendable () -> Void {
        let parked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        guard enqueue(.task { parked.signal(); release.wait() }) else { return {} }
        parked.wait()
        return { release.signal() }
    }

    /// Finishes the queued work, then ends the thread. Every caller waits for that, except the
    /// writer thread itself (for instance a log released at the end of its own commit), which
    /// cannot wait for its own loop: it finishes the queue after returning.
    /// With `waiting: false` (a caller that holds the reader gate), only refuses new work.
    func stop(waiting: Bool = true) {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        guard waiting, !isWriterThreadLocked else { return }
        while !finished { condition.wait() }
    }

    private var isWriterThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isWriterThreadLocked
    }

    private var isWriterThreadLocked: Bool {
        thread.map { pthread_equal($0, pthread_self()) != 0 } ?? false
    }

    private func enqueue(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        queue.append(job)
        if queue.count >= wanted { condition.broadcast() }
        return true
    }

    private func run() {
        condition.lock()
        thread = pthread_self()
        condition.unlock()
        while let jobs = nextJobs() {
            var group: [PendingAppend] = []
            for job in jobs {
                switch job {
                case .append(let append):
                    group.append(append)
                    if group.count == Self.maxGroup { flush(&group) }
                case .task(let body):
                    flush(&group)
                    body()
                }
            }
            flush(&group)
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func flush(_ group: inout [PendingAppend]) {
        guard !group.isEmpty else { return }
        commitGroup(group)
        group.removeAll(keepingCapacity: true)
    }

    /// Blocks until there is work; nil once stopped and drained.
    /// Blocks until there is work; nil once stopped and drained.
    ///
    /// When the previous group had several appends, appenders are evidently waiting on commits, so
    /// the thread lingers up to ``groupWindow`` for as many jobs as that group had before taking
    /// the queue: the appenders the last commit released are still on their way back. Like
    /// PostgreSQL's `commit_delay`, this trades a bounded delay for fewer fsyncs; a lone appender
    /// (previous group of one) never waits.
    private func nextJobs() -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !stopping { condition.wait() }
        if queue.isEmpty { return nil }
        if groupWindow > 0, lastTaken > 1, queue.count < lastTaken, !stopping {
            wanted = lastTaken
            let deadline = Date(timeIntervalSinceNow: groupWindow)
            while queue.count < wanted, !stopping, condition.wait(until: deadline) {}
            wanted = 1
        }
        let jobs = queue
        queue.removeAll(keepingCapacity: true)
        lastTaken = jobs.count
        return jobs
    }
}

/// One append call waiting for the writer.
struct PendingAppend: Sendable {
    var batches: [AppendBatch]
    var requestedAtMicros: Int64
    var complete: @Sendable (Result<AppendResult, EventLogError>) -> Void
}
