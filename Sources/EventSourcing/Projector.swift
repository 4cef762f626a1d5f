/// A pure fold of the log into a read model.
///
/// `apply` must be deterministic: no clock, no randomness, no environment, and no Dictionary or Set
/// iteration order may reach the state's canonical form. Time comes from the events.
public protocol Projector: Sendable {
    associatedtype State: Sendable

    /// The projection's name, such as `"queue-lanes"`.
    var name: String { get }
    /// Bumped when `apply` changes meaning; a snapshot of another version is discarded.
    var version: Int { get }
    var initialState: State { get }

    func apply(_ state: inout State, _ event: DecodedEvent)

    /// Writes the state's canonical form, from which its ``ReadModelDigest`` is computed.
    func writeCanonical(_ state: State, to writer: inout CanonicalWriter)
}

extension Projector {
    /// The SHA-256 of the state's canonical form.
    public func digest(of state: State) -> ReadModelDigest {
        var writer = CanonicalWriter()
        writeCanonical(state, to: &writer)
        return ReadModelDigest(of: writer.bytes)
    }
}
