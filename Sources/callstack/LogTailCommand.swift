import ArgumentParser
import CallStack
import EventLog
import Foundation

struct LogTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print events as JSON lines, one event per line with its envelope.",
        discussion: """
            Keys: position, stream, streamVersion, id, type, schemaVersion, recordedAt (RFC 3339, \
            microseconds), recordedAtMicros, actor, correlationId, causationId (null when absent), \
            message (the payload in protobuf's JSON mapping; null for a type outside the contract), \
            payload (the raw bytes, base64) and chainHash: the format of `export`. With --follow, \
            waits for new events until interrupted.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The first global position to print.")
    var from: UInt64 = 1

    @Option(help: "Print at most this many events.")
    var limit: Int?

    @Flag(help: "Keep following new appends after catching up.")
    var follow = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if from < 1 { throw ValidationError("positions start at 1") }
    }

    func run() async throws {
        let log = try storeOptions.open(readOnly: true)
        let output = FileHandle.standardOutput
        var remaining = limit ?? .max
        if follow {
            for try await event in log.subscribe(from: from) where remaining > 0 {
                output.write(Data((ExportLine.encode(event) + "\n").utf8))
                remaining -= 1
                if remaining == 0 { break }
            }
            return
        }
        var next = from
        while remaining > 0 {
            let events = try log.read(from: next, limit: min(remaining, EventLog.defaultBatchSize))
            guard let last = events.last else { break }
            output.write(Data(events.map { ExportLine.encode($0) + "\n" }.joined().utf8))
            remaining -= events.count
            next = last.position + 1
        }
    }
}
