import ArgumentParser
import Foundation
import ImportBench

struct BenchCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "CSV reading rates: the engine's reader beside yaslab/CSV.swift on the same file.",
        discussion: """
            Writes --rows contact rows (quoted notes, every tenth with a line end and a doubled quote), then \
            in each round reads the file with both readers; figures are medians of --rounds side-by-side \
            rounds. Build with `swift build -c release`.
            """
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Rows in the file.")
    var rows = 1_000_000

    @Option(help: "Side-by-side rounds; figures are medians.")
    var rounds = 3

    @Option(help: "Scratch folder (removed afterwards).")
    var directory: String?

    func validate() throws {
        guard rows >= 1, rounds >= 1 else { throw ValidationError("--rows and --rounds must be at least 1") }
    }

    func run() throws {
        let scratch = BenchOutput.scratch(directory, "csv")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let report = try CSVBench(rows: rows, rounds: rounds, directory: scratch).run { step in
            BenchOutput.progress(step)
        }
        if json {
            try BenchOutput.printJSON(report)
            return
        }
        for (name, value) in [
            ("rows", "\(report.rows)"), ("file_bytes", "\(report.file_bytes)"),
            ("callstack_rows_per_second", String(format: "%.0f", report.callstack_rows_per_second)),
            ("csv_swift_rows_per_second", String(format: "%.0f", report.csv_swift_rows_per_second)),
            ("ratio_vs_csv_swift", String(format: "%.2f", report.ratio_vs_csv_swift)),
            ("phones_per_second", String(format: "%.0f", report.phones_per_second)),
            ("fields", "\(report.fields) (CSV.swift: \(report.csv_swift_fields))"),
        ] {
            print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + value)
        }
    }
}
