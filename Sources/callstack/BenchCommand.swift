public import ArgumentParser
import Foundation
public import LogBench

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the engine against its physical limit and its peers, side by side in one run.",
        subcommands: [BenchLogCommand.self, BenchReplayCommand.self, BenchCSVCommand.self, BenchImportCommand.self, BenchQueueCommand.self]
    )
}

struct BenchLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Append, group-commit and scan figures for the event log, against raw LMDB and SQLite (WAL).",
        discussion: """
            Each round measures the log and its baselines one after the other; the figures are medians \
            over the rounds, so ratios compare runs that shared the machine's noise. Build with \
            `swift build -c release` for meaningful figures. Goals missed are listed under "misses".
            """
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Events per append measurement.")
    var events = 200_000

    @Option(help: "Side-by-side rounds; figures are medians.")
    var rounds = 3

    @Option(help: "Scratch folder for the stores (removed afterwards unless --keep).")
    var directory: String?

    @Flag(help: "Keep the last round's stores in --directory: `ours` is an EventLog store to inspect or verify.")
    var keep = false

    @Option(
        name: .long, parsing: .upToNextOption,
        help: "Run only these measurements: append, sqlite, group, scan (default: all). Unmeasured figures are 0.")
    var only: [LogBench.Phase] = []

    func validate() throws {
        if keep && directory == nil { throw ValidationError("--keep needs --directory") }
        guard events >= 1_000, rounds >= 1 else { throw ValidationError("--events must be at least 1000 and --rounds at least 1") }
    }

    func run() async throws {
        let scratch = BenchOutput.scratch(directory, "")
        defer { if !keep { try? FileManager.default.removeItem(atPath: scratch) } }
        var bench = LogBench(events: events, rounds: rounds, directory: scratch)
        bench.keepStores = keep
        if !only.isEmpty { bench.phases = Set(only) }
        let report = try await bench.run { step in
            BenchOutput.progress(step)
        }
        if json {
            try BenchOutput.printJSON(report)
        } else {
            print(BenchTable(report).text)
        }
    }
}

/// The human-readable table of a ``LogBenchReport``.
struct BenchTable {
    let report: LogBenchReport

    init(_ report: LogBenchReport) { self.report = report }

    var text: String {
        let r = report
        let rows: [(String, String, String)] = [
            ("append_batched_eps", rate(r.append_batched_eps), ""),
            ("raw_lmdb_eps", rate(r.raw_lmdb_eps), ""),
            ("ratio_vs_raw", ratio(r.ratio_vs_raw), "≥ 0.5"),
            ("raw_lmdb_indexed_eps", rate(r.raw_lmdb_indexed_eps), ""),
            ("ratio_vs_raw_indexed", ratio(r.ratio_vs_raw_indexed), ""),
            ("group_commit_eps", rate(r.group_commit_eps), ""),
            ("single_commit_eps", rate(r.single_commit_eps), ""),
            ("group_commit_ratio", ratio(r.group_commit_ratio), "≥ 20"),
            ("fsync_latency_us", String(format: "%.0f µs", r.fsync_latency_us), ""),
            ("log_relaxed_eps", rate(r.log_relaxed_eps), ""),
            ("sqlite_normal_eps", rate(r.sqlite_normal_eps), ""),
            ("sqlite_append_ratio", ratio(r.sqlite_append_ratio), "≥ 3"),
            ("log_durable_eps", rate(r.log_durable_eps), ""),
            ("sqlite_full_eps", rate(r.sqlite_full_eps), ""),
            ("sqlite_durable_append_ratio", ratio(r.sqlite_durable_append_ratio), ""),
            ("scan_eps", rate(r.scan_eps), "≥ 5M/s"),
            ("sqlite_scan_eps", rate(r.sqlite_scan_eps), ""),
            ("sqlite_scan_ratio", ratio(r.sqlite_scan_ratio), "≥ 5"),
            ("raw_lmdb_scan_eps", rate(r.raw_lmdb_scan_eps), ""),
        ]
        var lines = rows.map { $0.0.padding(toLength: 30, withPad: " ", startingAt: 0) + $0.1.padding(toLength: 16, withPad: " ", startingAt: 0) + $0.2 }
        lines.append("")
        lines += r.configuration.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        lines.append(r.misses.isEmpty ? "all goals met" : "missed: " + r.misses.joined(separator: "; "))
        return lines.joined(separator: "\n")
    }

    private func rate(_ value: Double) -> String { String(format: "%.0f/s", value) }
    private func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }
}

extension LogBench.Phase: ExpressibleByArgument {}
