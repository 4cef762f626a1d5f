import CallStackEvents
import EventLog
import EventSourcing
import LogBench
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
    static let names = ["event-counts", "campaign-progress", "contact-directory", "import-history"]

    /// A projector that writes a dictionary in its per-process hash order: deliberately wrong, so
    /// that the cross-process determinism tests can prove they catch such a bug. Not listed.
    static let plantedLeak = PlantedLeakProjector.projectionName

    /// The projector with this name; nil for an unknown name.
    static func projector(named name: String) -> (any Projector)? {
        switch name {
        case "event-counts": EventCountsProjector()
        case "campaign-progress": CampaignProgressProjector()
        case "contact-directory": ContactDirectoryProjector()
        case "import-history": ImportHistoryProjector()
        case plantedLeak: PlantedLeakProjector()
        default: nil
        }
    }

    /// Rebuilds the named projection from zero up to `until`; nil for an unknown name.
    static func rebuild(_ name: String, from log: EventLog, until: UInt64) throws -> ReplayResult? {
        guard let projector = projector(named: name) else { return nil }
        return try rebuild(projector, from: log, until: until)
    }

    /// Brings every product projection's snapshot up to the head; returns the position reached.
    static func snapshotAll(log: EventLog, snapshots: SnapshotStore) throws -> UInt64 {
        var position: UInt64 = 0
        for name in names {
            guard let projector = projector(named: name) else { continue }
            position = try snapshot(projector, log: log, snapshots: snapshots)
        }
        return position
    }

    private static func snapshot<P: Projector>(_ projector: P, log: EventLog, snapshots: SnapshotStore) throws -> UInt64 {
        // Every event applied is worth a snapshot here, and `start` saves it (once).
        let runner = ProjectionRunner(projector, log: log, snapshots: snapshots, snapshotEvery: 1)
        try runner.start()
        return runner.current.position
    }

    /// A projection's live digest (snapshot + catch-up, without saving) against a rebuild from zero.
    struct Comparison {
        var agrees: Bool
        var line: String
    }

    static func compare(_ name: String, log: EventLog, snapshots: SnapshotStore?, until: UInt64) throws -> Comparison? {
        guard let projector = projector(named: name) else { return nil }
        return try compare(projector, log: log, snapshots: snapshots, until: until)
    }

    static func compare<P: Projector>(_ projector: P, log: EventLog, snapshots: SnapshotStore?, until: UInt64) throws -> Comparison {
        let live = try ProjectionRunner(projector, log: log, snapshots: snapshots).load(until: until)
        guard live.snapshotPosition != nil else {
            // Without a snapshot the live state is itself a fold from zero: a second one would be the same.
            return Comparison(agrees: true, line: "\(projector.name) ok (no snapshot); digest \(live.projection.digest)")
        }
        let rebuilt = try rebuild(projector, from: log, until: until)
        let agrees = live.projection.digest == rebuilt.digest && live.projection.position == rebuilt.position
        let source = live.snapshotPosition.map { "snapshot at \($0) + \(live.projection.eventsApplied) events" } ?? "no snapshot"
        let verdict = agrees ? "ok" : "MISMATCH: live \(live.projection.digest)"
        return Comparison(
            agrees: agrees, line: "\(projector.name) \(verdict) (\(source)); digest \(rebuilt.digest)")
    }

    /// Rebuilds from zero, with a progress bar on a terminal.
    static func rebuild<P: Projector>(_ projector: P, from log: EventLog, until: UInt64) throws -> ReplayResult {
        var projection = Projection(projector)
        let bar = ProgressBar(label: projector.name)
        defer { bar.finish() }
        let started = ContinuousClock.now
        try projection.catchUp(from: log, registry: .callstack, until: until) { bar.update($0, of: until) }
        let seconds = (ContinuousClock.now - started).seconds
        return ReplayResult(
            name: projector.name, version: projector.version, position: projection.position,
            events: projection.eventsApplied, digest: projection.digest, seconds: seconds)
    }
}
