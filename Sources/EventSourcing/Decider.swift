/// A pure decision function over one consistency boundary (a stream), after Jérémie Chassaing's
/// "Functional Event Sourcing Decider".
///
/// `decide` turns a command into the events it causes, or a typed rejection that says everything
/// that was wrong; `evolve` folds an event into the state. Both are pure: time and ids come in the
/// command, never from the clock or a random source. A runner loads the stream, folds it with
/// ``fold(_:)``, decides, and appends the events with the stream's version as the expected version.
public protocol Decider: Sendable {
    associatedtype Command: Sendable
    associatedtype Event: Sendable
    associatedtype State: Sendable
    associatedtype Rejection: Error & Sendable

    var initialState: State { get }
    func decide(_ command: Command, _ state: State) -> Result<[Event], Rejection>
    func evolve(_ state: State, _ event: Event) -> State
}

extension Decider {
    /// The state after `events`, from ``initialState``.
    public func fold(_ events: some Sequence<Event>) -> State {
        events.reduce(initialState, evolve)
    }

    /// Decides on the state that `history` leads to.
    public func decide(_ command: Command, after history: some Sequence<Event>) -> Result<[Event], Rejection> {
        decide(command, fold(history))
    }
}
