import Foundation

/// Keeps read transactions and map resizes apart.
///
/// LMDB requires that no transaction of the process is live while the map is resized. Readers hold
/// the gate shared for one short read transaction (one batch); a resize takes it exclusively. A
/// waiting resize stops new readers from entering, so long readers that renew their transaction per
/// batch never hold a resize up for more than one batch.
///
/// A thread that already holds the gate shared passes straight through again (a read inside a
/// scan's callback), because waiting behind a queued resize would wait for itself.
final class ReaderGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var readers = 0
    private var resizeWaiting = false
    private var resizing = false
    /// How deeply each thread that holds the gate shared holds it.
    private var holders: [pthread_t: Int] = [:]

    /// True when the calling thread holds the gate shared.
    var isHeldByCurrentThread: Bool {
        condition.lock()
        defer { condition.unlock() }
        return holders[pthread_self()] != nil
    }

    func shared<R>(_ body: () throws -> R) rethrows -> R {
        let me = pthread_self()
        condition.lock()
        if let depth = holders[me] {
            holders[me] = depth + 1
        } else {
            while resizeWaiting || resizing { condition.wait() }
            readers += 1
            holders[me] = 1
        }
        condition.unlock()
        defer {
            condition.lock()
            if let depth = holders[me], depth > 1 {
                holders[me] = depth - 1
            } else {
                holders[me] = nil
                readers -= 1
                if readers == 0 { condition.broadcast() }
            }
            condition.unlock()
        }
        return try body()
    }

    func exclusive<R>(_ body: () throws -> R) rethrows -> R {
        condition.lock()
        while resizeWaiting || resizing { condition.wait() }
        resizeWaiting = true
        while readers > 0 { condition.wait() }
        resizeWaiting = false
        resizing = true
        condition.unlock()
        defer { endExclusive() }
        return try body()
    }

    /// Runs `body` exclusively if no reader holds the gate now; nil, without waiting, otherwise.
    func tryExclusive<R>(_ body: () throws -> R) rethrows -> R? {
        condition.lock()
        guard readers == 0, !resizeWaiting, !resizing else {
            condition.unlock()
            return nil
        }
        resizing = true
        condition.unlock()
        defer { endExclusive() }
        return try body()
    }

    private func endExclusive() {
        condition.lock()
        resizing = false
        condition.broadcast()
        condition.unlock()
    }
}
