import ArgumentParser
import CallStack
import EventLog
import EventSourcing
import Foundation
import Projections

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit trail of a stream or an actor: every event that concerns it, in log order.",
        discussion: """
            The trail comes from the audit-trail index, kept in LMDB in the store's projections folder and \
            brought up to the head first (its keys and checkpoint are written in one transaction, so a \
            crash never leaves them apart). For a contact, pass --stream contact-ID: its whole life, \
            erasure included. With --json, one `export`-format line per event.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The stream whose trail to print, such as contact-0-17.")
    var stream: String?

    @Option(help: "The actor whose trail to print: every event recorded with this actor.")
    var actor: String?

    @Flag(help: "Print JSON lines in the export format instead of one summary line per event.")
    var json = false

    /// For the crash tests: print each batch's checkpoint as it commits.
    @Flag(help: .hidden) var traceCommits = false
    /// For the crash tests: events per index transaction.
    @Option(help: .hidden) var indexBatch = 8_192

    func validate() throws {
        guard (stream == nil) != (actor == nil) else { throw ValidationError("pass exactly one of --stream and --actor") }
    }

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        let store = try SnapshotStore.open(at: SnapshotStore.folder(forStore: storeOptions.store))
        defer { store.close() }
        let runner = IndexRunner(AuditTrailProjector(), log: log, store: store, batchSize: indexBatch)
        try runner.catchUp { position in
            guard traceCommits else { return }
            FileHandle.standardOutput.write(Data("committed \(position)\n".utf8))
        }
        let subject: AuditTrailProjector.Subject = stream.map { .stream($0) } ?? .actor(actor ?? "")
        let positions = AuditTrailProjector.positions(in: try runner.keys(prefix: subject.prefix), of: subject)
        for position in positions {
            guard let event = try log.read(from: position, limit: 1).first else { continue }
            if json {
                print(ExportLine.encode(event))
            } else {
                print("\(event.position)  \(RFC3339.format(micros: event.recordedAtMicros))  \(event.stream)  \(event.type)  by \(event.actor)")
            }
        }
        if !json { FileHandle.standardError.write(Data("\(positions.count) events\n".utf8)) }
    }
}
