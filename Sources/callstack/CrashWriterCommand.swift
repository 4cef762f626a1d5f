import ArgumentParser
import EventLog
import Foundation

/// The writer that the crash tests kill with SIGKILL. Hidden from help.
///
/// Several tasks append small batches forever. Each prints `send R id…` before its append and
/// `ack R first-last` after it returned, in one `write(2)` per line (atomic on a pipe), so the test
/// knows exactly which appends were acknowledged and which were in flight when the kill landed.
struct CrashWriterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-writer", abstract: "Append forever and log acknowledgements (for crash tests).",
        shouldDisplay: false)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var durabilityOption: DurabilityOption

    @Option(help: "Concurrent appending tasks.")
    var writers = 4

    @Option(help: "Initial map size in bytes (small values exercise map growth).")
    var mapSize = 1 << 20

    func run() async throws {
        let log = try storeOptions.open(durability: durabilityOption.durability, initialMapSize: mapSize)
        Self.emit("ready \(log.durability)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask { try await Self.appendForever(log, writer: writer) }
            }
            try await group.waitForAll()
        }
    }

    private static func appendForever(_ log: EventLog, writer: Int) async throws {
        var request = 0
        while true {
            request += 1
            let tag = "\(writer).\(request)"
            let size = request % 5 + 1
            let events = (0..<size).map { index in
                ProposedEvent(type: "CrashProbe", actor: "writer-\(writer)", payload: Array("\(tag)/\(index)".utf8))
            }
            emit("send \(tag) " + events.map(\.id.description).joined(separator: " "))
            let result = try await log.append(AppendBatch(stream: "crash-\(request % 7)", events: events))
            emit("ack \(tag) \(result.positions.lowerBound)-\(result.positions.upperBound)")
        }
    }

    private static func emit(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}

/// A reader that the crash tests kill with SIGKILL while it holds a read transaction. Hidden.
///
/// It scans the store and, inside the scan's callback for the first event, prints `reading` and
/// blocks, so its reader slot stays taken until the process dies.
struct CrashReaderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash-reader", abstract: "Hold a read transaction until killed (for crash tests).",
        shouldDisplay: false)

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        try log.scan(limit: 1) { _ in
            let line = Array("reading\n".utf8)
            line.withUnsafeBytes { _ = write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            while true { pause() }
        }
    }
}
