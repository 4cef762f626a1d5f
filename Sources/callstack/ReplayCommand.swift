import ArgumentParser
import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import Projections

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild projections from the log and print each one's digest, event count and events/s.",
        discussion: """
            Every payload is read through the event contract (old versions upcast). --until stops at a \
            global position or at the last event recorded by an RFC 3339 time; the digests then equal \
            those of a store that simply ended there. Projections: \(ReplayCommand.names.joined(separator: ", ")).
            """
    )

    static let names = ["event-counts"]

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "Stop at this global position or RFC 3339 time (default: the head).")
    var until: String?

    @Option(help: "Rebuild only this projection.")
    var projection: String?

    @Flag(help: "Print one JSON object per projection, one per line.")
    var json = false

    func validate() throws {
        if let until, UInt64(until) == nil, RFC3339.parse(until) == nil {
            throw ValidationError("--until takes a position or an RFC 3339 time")
        }
        if let projection, !Self.names.contains(projection) {
            throw ValidationError("unknown projection \(projection); known: \(Self.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        let stop = try stopPosition(log)
        var replay = Projection(EventCountsProjector())
        let started = ContinuousClock.now
        try replay.catchUp(from: log, registry: .callstack, until: stop)
        let seconds = max((ContinuousClock.now - started).seconds, 1e-9)
        let rate = Double(replay.eventsApplied) / seconds
        if json {
            print(
                #"{"projection":"\#(replay.projector.name)","version":\#(replay.projector.version),"#
                    + #""position":\#(replay.position),"events":\#(replay.eventsApplied),"#
                    + #""digest":"\#(replay.digest)","eventsPerSecond":\#(Int(rate))}"#)
        } else {
            print(
                "\(replay.projector.name) v\(replay.projector.version)  position \(replay.position)  "
                    + "\(replay.eventsApplied) events  \(Int(rate)) events/s  digest \(replay.digest)")
        }
    }

    private func stopPosition(_ log: EventLog) throws -> UInt64 {
        guard let until else { return try log.headPosition() }
        if let position = UInt64(until) { return position }
        guard let time = RFC3339.parse(until) else { return 0 }
        return try log.position(at: time) ?? 0
    }
}
