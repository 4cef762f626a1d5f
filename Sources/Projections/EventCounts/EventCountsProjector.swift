public import EventSourcing

/// Events per type and per stream, with the first and last recorded-at: the simplest read model,
/// and the one `callstack replay` uses to prove a rebuild deterministic.
public struct EventCountsProjector: Projector {
    public struct State: Sendable, Equatable {
        public var byType: [String: UInt64] = [:]
        public var byStream: [String: UInt64] = [:]
        public var firstRecordedAt: Int64?
        public var lastRecordedAt: Int64?

        public init() {}

        public var total: UInt64 { byType.values.reduce(0, +) }
    }

    public let name = "event-counts"
    public let version = 1
    /// Counting needs envelopes only: payloads are checked to be registered, not decoded.
    public let readsPayloads = false

    public init() {}

    public var initialState: State { State() }

    public func apply(_ state: inout State, _ event: DecodedEvent) {
        state.byType[event.type, default: 0] += 1
        state.byStream[event.stream, default: 0] += 1
        if state.firstRecordedAt == nil { state.firstRecordedAt = event.recordedAtMicros }
        state.lastRecordedAt = event.recordedAtMicros
    }

    public func writeCanonical(_ state: State, to writer: inout CanonicalWriter) {
        writer.write(state.byType) { writer, type, count in
            writer.write(type)
            writer.write(count)
        }
        writer.write(state.byStream) { writer, stream, count in
            writer.write(stream)
            writer.write(count)
        }
        writer.write(state.firstRecordedAt)
        writer.write(state.lastRecordedAt)
    }

    public func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> State {
        var state = State()
        state.byType = try reader.readDictionary { reader throws(ProjectionError) in (try reader.readString(), try reader.readUInt64()) }
        state.byStream = try reader.readDictionary { reader throws(ProjectionError) in (try reader.readString(), try reader.readUInt64()) }
        state.firstRecordedAt = try reader.readOptionalInt64()
        state.lastRecordedAt = try reader.readOptionalInt64()
        return state
    }
}
