import Synchronization

/// Callers waiting for a read model to reach a log position, resumed as it advances.
final class PositionWaiters: Sendable {
    private let state = Mutex<(reached: UInt64, waiting: [(position: UInt64, resume: CheckedContinuation<Void, Never>)])>((0, []))

    /// Returns once ``advance(to:)`` has reported `position` or later.
    func wait(until position: UInt64) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let reached = state.withLock { state in
                guard state.reached < position else { return true }
                state.waiting.append((position, continuation))
                return false
            }
            if reached { continuation.resume() }
        }
    }

    /// Records that the read model reached `position`, and resumes who waited for it.
    func advance(to position: UInt64) {
        let ready = state.withLock { state in
            state.reached = max(state.reached, position)
            let ready = state.waiting.filter { $0.position <= state.reached }
            state.waiting.removeAll { $0.position <= state.reached }
            return ready
        }
        for waiter in ready { waiter.resume.resume() }
    }
}
