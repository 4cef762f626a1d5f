public import EventSourcing

/// **Deliberately wrong.** Counts events per stream and writes the counts in Dictionary order,
/// which Swift seeds per process: the bug the determinism proofs must catch, planted on purpose.
/// The tests fold it in one process and through `callstack replay --projection planted-leak` in
/// several, and expect different digests. Never use it as a read model.
public struct PlantedLeakProjector: Projector {
    public static let projectionName = "planted-leak"
    public let name = PlantedLeakProjector.projectionName
    public let version = 1

    public init() {}

    public var initialState: [String: UInt64] { [:] }

    public func apply(_ state: inout [String: UInt64], _ event: DecodedEvent) { state[event.stream, default: 0] += 1 }

    public func writeCanonical(_ state: [String: UInt64], to writer: inout CanonicalWriter) {
        for (stream, count) in state {
            writer.write(stream)
            writer.write(count)
        }
    }

    public func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> [String: UInt64] {
        var state: [String: UInt64] = [:]
        while !reader.isAtEnd { state[try reader.readString()] = try reader.readUInt64() }
        return state
    }
}
