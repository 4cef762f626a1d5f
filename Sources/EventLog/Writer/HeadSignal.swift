import Synchronization

/// Wakes subscribers when the committed head moves past the position they wait on.
///
/// The writer publishes the new head after each commit; a subscriber that found nothing new waits
/// here. Because the head is checked under the same lock that registers the waiter, a commit that
/// lands between a subscriber's empty read and its wait is never missed.
final class HeadSignal: Sendable {
    private struct Waiter {
        var position: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var head: UInt64
        var closed = false
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: Waiter] = [:]
    }

    private let state: Mutex<State>

    init(head: UInt64) { state = Mutex(State(head: head)) }

    var head: UInt64 { state.withLock { $0.head } }

    func publish(_ head: UInt64) {
        let ready = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.head = max(state.head, head)
            let due = state.waiters.filter { $0.value.position < state.head }
            for key in due.keys { state.waiters[key] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in ready { continuation.resume() }
    }

    /// Wakes every waiter for good: the log is closing.
    func close() {
        let all = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters.values.map(\.continuation)
        }
        for continuation in all { continuation.resume() }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    /// Returns once the head is beyond `position`, the log closes, or the task is cancelled.
    func wait(above position: UInt64) async {
        let id = state.withLock { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.head > position || state.closed || Task.isCancelled { return true }
                    state.waiters[id] = Waiter(position: position, continuation: continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.continuation.resume()
        }
    }
}
