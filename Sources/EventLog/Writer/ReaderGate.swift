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
    /// How deeply the current thread holds the gate shared.
    private var depthKey = pthread_key_t()

    init() { pthread_key_create(&depthKey, nil) }

    deinit { pthread_key_delete(depthKey) }

    /// True when the calling thread holds the gate shared.
    var isHeldByCurrentThread: Bool { depth > 0 }

    private var depth: Int {
        get { Int(bitPattern: pthread_getspecific(depthKey)) }
        set { pthread_setspecific(depthKey, UnsafeRawPointer(bitPattern: newValue)) }
    }

    func shared<R>(_ body: () throws -> R) rethrows -> R {
        let outer = depth
        if outer == 0 {
            condition.lock()
            while resizeWaiting || resizing { condition.wait() }
            readers += 1
            condition.unlock()
        }
        depth = outer + 1
        defer {
            depth = outer
            if outer == 0 {
                condition.lock()
                readers -= 1
                if readers == 0 { condition.broadcast() }
                condition.unlock()
            }
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
        defer {
            condition.lock()
            resizing = false
            condition.broadcast()
            condition.unlock()
        }
        return try body()
    }
}
