import EventSourcing
import Testing

/// A seat booking for a call block: capacity is the invariant the decider guards.
struct CallBlockDecider: Decider {
    enum Command: Sendable { case book(caller: String), cancel(caller: String) }
    enum Event: Sendable, Equatable { case booked(String), cancelled(String) }
    struct Rejection: Error, Sendable, Equatable { var reasons: [String] }

    let capacity: Int
    var initialState: [String] { [] }

    func decide(_ command: Command, _ state: [String]) -> Result<[Event], Rejection> {
        switch command {
        case .book(let caller):
            var reasons: [String] = []
            if state.contains(caller) { reasons.append("\(caller) is already booked") }
            if state.count >= capacity { reasons.append("the block is full") }
            return reasons.isEmpty ? .success([.booked(caller)]) : .failure(Rejection(reasons: reasons))
        case .cancel(let caller):
            return state.contains(caller) ? .success([.cancelled(caller)]) : .failure(Rejection(reasons: ["\(caller) is not booked"]))
        }
    }

    func evolve(_ state: [String], _ event: Event) -> [String] {
        switch event {
        case .booked(let caller): state + [caller]
        case .cancelled(let caller): state.filter { $0 != caller }
        }
    }
}

@Suite("Deciders")
struct DeciderTests {
    let decider = CallBlockDecider(capacity: 2)

    @Test("a command on the folded history yields its events")
    func accepts() {
        #expect(decider.decide(.book(caller: "ann"), after: []) == .success([.booked("ann")]))
        #expect(decider.fold([.booked("ann"), .booked("bob"), .cancelled("ann")]) == ["bob"])
    }

    @Test("a rejection names every reason, not just the first")
    func rejectsWithEveryReason() {
        let history: [CallBlockDecider.Event] = [.booked("ann"), .booked("bob")]
        let result = decider.decide(.book(caller: "ann"), after: history)
        #expect(result == .failure(CallBlockDecider.Rejection(reasons: ["ann is already booked", "the block is full"])))
    }
}
