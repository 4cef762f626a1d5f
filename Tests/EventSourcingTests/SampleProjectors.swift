import CallStackEvents
import EventSourcing

/// Counts events per type and per stream, and keeps client names: Dictionary state, so the
/// canonical form must sort it.
struct CountingProjector: Projector {
    struct State: Sendable {
        var byType: [String: Int] = [:]
        var byStream: [String: Int] = [:]
        var clients: [String: String] = [:]
        var lastRecordedAt: Int64 = 0
    }

    let name = "counting"
    let version = 1
    var initialState: State { State() }

    func apply(_ state: inout State, _ event: DecodedEvent) {
        state.byType[event.type, default: 0] += 1
        state.byStream[event.stream, default: 0] += 1
        if let client = event.message as? Callstack_V1_ClientAdded { state.clients[client.clientID] = client.name }
        state.lastRecordedAt = event.recordedAtMicros
    }

    func writeCanonical(_ state: State, to writer: inout CanonicalWriter) {
        writer.write(state.byType) { $0.write($1); $0.write($2) }
        writer.write(state.byStream) { $0.write($1); $0.write($2) }
        writer.write(state.clients) { $0.write($1); $0.write($2) }
        writer.write(state.lastRecordedAt)
    }

    func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> State {
        let pair = { (reader: inout CanonicalReader) throws(ProjectionError) in (try reader.readString(), try reader.readInt()) }
        var state = State()
        state.byType = try reader.readDictionary(pair)
        state.byStream = try reader.readDictionary(pair)
        state.clients = try reader.readDictionary { reader throws(ProjectionError) in (try reader.readString(), try reader.readString()) }
        state.lastRecordedAt = try reader.readInt64()
        return state
    }
}
