public import EventSourcing
import SwiftProtobuf

/// The campaign queues: every enrolment in at most one of five lanes (``Lane``, precedence in
/// ``LanePolicy``), kept in lane order, with a clock.
///
/// - Time: each event moves the clock to its business time (never back), and
///   ``QueueLanesState/advance(to:)`` moves it further for a query. Moving the clock wakes only
///   the enrolments whose placement was due to change by then: O(k log n) for k of them.
/// - Lane counts at the clock are O(1).
/// - Deterministic: the same log gives the same state and digest, in any chunking.
public struct QueueLanesProjector: Projector {
    public let name = "queue-lanes"
    public let version = 1

    public init() {}

    public var initialState: QueueLanesState { QueueLanesState() }

    public func apply(_ state: inout QueueLanesState, _ event: DecodedEvent) {
        state.apply(event.message, position: event.position)
    }

    public func writeCanonical(_ state: QueueLanesState, to writer: inout CanonicalWriter) {
        state.write(to: &writer)
    }

    public func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> QueueLanesState {
        try QueueLanesState(reading: &reader)
    }
}
