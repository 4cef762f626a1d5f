import CallStackEvents
import EventLog
import EventSourcing
import Projections

/// One projection's rebuild, as `replay`, `verify` and `bench replay` report it.
struct ReplayResult: Sendable {
    var name: String
    var version: Int
    var position: UInt64
    var events: Int
    var digest: ReadModelDigest
    var seconds: Double

    var eventsPerSecond: Double { Double(events) / max(seconds, 1e-9) }

    var jsonLine: String {
        #"{"projection":"\#(name)","version":\#(version),"position":\#(position),"events":\#(events),"#
            + #""digest":"\#(digest)","eventsPerSecond":\#(Int(eventsPerSecond))}"#
    }

    var textLine: String {
        "\(name) v\(version)  position \(position)  \(events) events  \(Int(eventsPerSecond)) events/s  digest \(digest)"
    }
}

/// The projections the command line can rebuild, by name.
enum ReplayCatalog {
    /// The product's projections, in the order commands run them.
    static let names = ["event-counts", "campaign-progress"]

    /// A projector that writes a dictionary in its per-process hash order: deliberately wrong, so
    /// that the cross-process determinism tests can prove they catch such a bug. Not listed.
    static let plantedLeak = "planted-leak"

    /// Rebuilds the named projection from zero up to `until`; nil for an unknown name.
    static func rebuild(_ name: String, from log: EventLog, until: UInt64) throws -> ReplayResult? {
        switch name {
        case "event-counts": try rebuild(EventCountsProjector(), from: log, until: until)
        case "campaign-progress": try rebuild(CampaignProgressProjector(), from: log, until: until)
        case plantedLeak: try rebuild(PlantedLeakProjector(), from: log, until: until)
        default: nil
        }
    }

    static func rebuild<P: Projector>(_ projector: P, from log: EventLog, until: UInt64) throws -> ReplayResult {
        var projection = Projection(projector)
        let started = ContinuousClock.now
        try projection.catchUp(from: log, registry: .callstack, until: until)
        let seconds = (ContinuousClock.now - started).seconds
        return ReplayResult(
            name: projector.name, version: projector.version, position: projection.position,
            events: projection.eventsApplied, digest: projection.digest, seconds: seconds)
    }
}

/// Counts events per stream and writes the counts in Dictionary order: the bug the determinism
/// proof must catch, planted on purpose (see ``ReplayCatalog/plantedLeak``).
struct PlantedLeakProjector: Projector {
    let name = ReplayCatalog.plantedLeak
    let version = 1
    var initialState: [String: UInt64] { [:] }

    func apply(_ state: inout [String: UInt64], _ event: DecodedEvent) { state[event.stream, default: 0] += 1 }

    func writeCanonical(_ state: [String: UInt64], to writer: inout CanonicalWriter) {
        for (stream, count) in state {
            writer.write(stream)
            writer.write(count)
        }
    }

    func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> [String: UInt64] {
        var state: [String: UInt64] = [:]
        while !reader.isAtEnd { state[try reader.readString()] = try reader.readUInt64() }
        return state
    }
}
