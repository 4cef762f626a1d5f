import ArgumentParser
import Foundation
import ImportBench

struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "End-to-end import rate: --rows rows committed into a workspace that holds --existing contacts.",
        discussion: """
            Fills a scratch workspace with --existing contacts by one import, then commits a file of --rows \
            rows (a tenth of them duplicates of existing contacts, skipped) and reports rows_per_second and \
            the process's peak_rss_bytes. Goals: 100k rows/s with 1M rows against 1M contacts, 1 GB peak. \
            Build with `swift build -c release`.
            """
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Rows of the measured import.")
    var rows = 1_000_000

    @Option(help: "Contacts the workspace holds first.")
    var existing = 1_000_000

    @Option(help: "Scratch folder (removed afterwards).")
    var directory: String?

    func validate() throws {
        guard rows >= 10, existing >= 10 else { throw ValidationError("--rows and --existing must be at least 10") }
    }

    func run() async throws {
        let scratch = BenchOutput.scratch(directory, "import")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let report = try await ImportCommitBench(rows: rows, existing: existing, directory: scratch).run { step in
            BenchOutput.progress(step)
        }
        if json {
            try BenchOutput.printJSON(report)
            return
        }
        for (name, value) in [
            ("rows", "\(report.rows)"), ("existing_contacts", "\(report.existing_contacts)"),
            ("rows_per_second", String(format: "%.0f  (goal ≥ 100k)", report.rows_per_second)),
            ("seed_rows_per_second", String(format: "%.0f", report.seed_rows_per_second)),
            ("created", "\(report.created)"), ("skipped_duplicates", "\(report.skipped_duplicates)"), ("rejected", "\(report.rejected)"),
            ("peak_rss_bytes", "\(report.peak_rss_bytes)  (goal ≤ 1 GiB)"),
        ] {
            print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + value)
        }
    }
}
