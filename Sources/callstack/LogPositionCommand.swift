import ArgumentParser
import CallStack
import EventLog

struct LogPositionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "position",
        abstract: "Print the last position recorded at or before a time (0 when the log starts later).",
        discussion: "Recorded-at never decreases along the log, so this is a binary search."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "An RFC 3339 time, for example 2026-11-29T14:03:00Z.")
    var at: String

    func validate() throws {
        if RFC3339.parse(at) == nil { throw ValidationError("--at takes an RFC 3339 time, such as 2026-11-29T14:03:00Z") }
    }

    func run() throws {
        guard let time = RFC3339.parse(at) else { return }
        let log = try storeOptions.open(readOnly: true)
        print(try log.position(at: time) ?? 0)
    }
}
