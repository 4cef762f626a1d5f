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
    /// False for a projector that reads envelopes only (type, stream, position, time): payloads
    /// are then checked to be of a registered type and version but not decoded, and
    /// ``DecodedEvent/message`` is an empty placeholder. True unless a projector says otherwise.
    var readsPayloads: Bool { get }
    var initialState: State { get }

    func apply(_ state: inout State, _ event: DecodedEvent)

    /// Writes the state's canonical form, from which its ``ReadModelDigest`` is computed. It is also
    /// the snapshot format, so it must hold the whole state.
    func writeCanonical(_ state: State, to writer: inout CanonicalWriter)

    /// Reads back what ``writeCanonical(_:to:)`` wrote: how a snapshot loads.
    func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> State
}

extension Projector {
    public var readsPayloads: Bool { true }

    /// The SHA-256 of the state's canonical form.
    public func digest(of state: State) -> ReadModelDigest {
        ReadModelDigest(of: canonicalBytes(of: state))
    }

    /// The state's canonical form.
    public func canonicalBytes(of state: State) -> [UInt8] {
        var writer = CanonicalWriter()
        writeCanonical(state, to: &writer)
        return writer.bytes
    }

    /// The state that canonical `bytes` hold; every byte must be used.
    public func state(fromCanonical bytes: [UInt8]) throws(ProjectionError) -> State {
        var reader = CanonicalReader(bytes)
        let state = try readCanonical(from: &reader)
        guard reader.isAtEnd else { throw .corruptSnapshot("bytes left over after the state") }
        return state
    }
}
