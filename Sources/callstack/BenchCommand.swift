import ArgumentParser

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine against its physical limit and its peers, side by side in one run.",
        subcommands: [BenchLogCommand.self]
    )
}

struct BenchLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Append, group-commit and scan figures for the event log, against raw LMDB and SQLite (WAL)."
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() async throws {
        print("not yet")
    }
}
