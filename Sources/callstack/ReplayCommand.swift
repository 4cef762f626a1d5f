import ArgumentParser
import CallStack
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
            those of a store that simply ended there. Projections: \(ReplayCatalog.names.joined(separator: ", ")).
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var until: UntilOption

    @Option(help: "Rebuild only this projection.")
    var projection: String?

    @Flag(help: "Print one JSON object per projection, one per line.")
    var json = false

    func validate() throws {
        if let projection, !ReplayCatalog.names.contains(projection), projection != ReplayCatalog.plantedLeak {
            throw ValidationError("unknown projection \(projection); known: \(ReplayCatalog.names.joined(separator: ", "))")
        }
    }

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        let stop = try until.position(in: log)
        for name in projection.map({ [$0] }) ?? ReplayCatalog.names {
            guard let result = try ReplayCatalog.rebuild(name, from: log, until: stop) else { continue }
            print(json ? result.jsonLine : result.textLine)
        }
    }
}
