public import CallStackEvents
public import EventLog
public import Foundation

/// A projector's state and the log position it has folded up to: the unit that catches up,
/// rebuilds, and (later) snapshots.
public struct Projection<P: Projector>: Sendable {
    public let projector: P
    public private(set) var state: P.State
    /// The last position folded in; 0 before any.
    public private(set) var position: UInt64
    /// Events folded in by this value since it was made or restored.
    public private(set) var eventsApplied = 0

    /// A projection at the start of the log.
    public init(_ projector: P) {
        self.projector = projector
        state = projector.initialState
        position = 0
    }

    /// A projection restored from a snapshot of `state` at `position`.
    public init(_ projector: P, state: P.State, position: UInt64) {
        self.projector = projector
        self.state = state
        self.position = position
    }

    public var digest: ReadModelDigest { projector.digest(of: state) }

    /// Folds the log's events after ``position`` in, up to `until` (inclusive) or the head.
    ///
    /// Payloads are read through `registry`, so old versions arrive upcast. An event whose type the
    /// registry does not know is a typed error: a projection never silently skips history.
    ///
    /// `progress`, when given, gets the position reached every 65,536 events.
    ///
    /// Inlinable, so that the loop is specialised for the caller's projector: no generic dispatch
    /// or metadata look-ups per event.
    @inlinable
    public mutating func catchUp(
        from log: EventLog, registry: EventRegistry, until: UInt64? = nil, progress: ((UInt64) -> Void)? = nil
    ) throws {
        let start = self.position
        let limit = until.map { $0 > start ? Int(clamping: $0 - start) : 0 } ?? .max
        guard limit > 0 else { return }
        // The state moves out while events apply, so a large one is not copied on first change;
        // it moves back, with what was applied, even when reading fails part way.
        var state = takeState()
        var position = start
        var applied = 0
        defer { advance(to: state, position: position, applied: applied) }
        let projector = self.projector
        let decodes = projector.readsPayloads
        try log.scan(from: start + 1, limit: limit) { record in
            projector.apply(&state, try DecodedEvent(record, registry: registry, decodingPayload: decodes))
            position = record.position
            applied += 1
            if let progress, applied & 0xFFFF == 0 { progress(position) }
        }
    }

    /// The state, leaving the initial one in its place until ``advance(to:position:applied:)``.
    @usableFromInline
    mutating func takeState() -> P.State {
        let state = self.state
        self.state = projector.initialState
        return state
    }

    @usableFromInline
    mutating func advance(to state: P.State, position: UInt64, applied: Int) {
        self.state = state
        self.position = position
        eventsApplied += applied
    }

    /// Changes the state outside the log: for a read model's query-time moves (the queue's clock),
    /// never for what events mean.
    public mutating func modify<R>(_ body: (inout P.State) throws -> R) rethrows -> R {
        try body(&state)
    }

    /// Folds one event in; it must be the next position.
    mutating func apply(_ event: DecodedEvent) {
        projector.apply(&state, event)
        position = event.position
        eventsApplied += 1
    }

    /// Folds the log up to the last event recorded at or before `time`.
    public mutating func catchUp(from log: EventLog, registry: EventRegistry, asOf time: Date) throws {
        try catchUp(from: log, registry: registry, until: try log.position(at: time) ?? 0)
    }
}
