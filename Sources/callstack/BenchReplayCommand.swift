import ArgumentParser
import Foundation
import ReplayBench

struct BenchReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild rates beside the raw scan, the cost of sealed fields, and opening a large store with a snapshot.",
        discussion: """
            Generates a campaign log (per contact: a sealed ContactCreated, an enrolment and four calls), \
            then in each round scans it raw and rebuilds event-counts (counting_eps) and campaign-progress \
            (realistic_eps) from zero on one core; figures are medians. Then builds a store of \
            --open-events events, snapshots campaign-progress, appends 1,000 more, and times a fresh open \
            up to a caught-up runner (open_seconds). Build with `swift build -c release`.
            """
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Events in the replayed log.")
    var events = 1_000_000

    @Option(help: "Side-by-side rounds; figures are medians.")
    var rounds = 3

    @Option(help: "Events of the store opened with a snapshot; 0 skips the open measurement.")
    var openEvents = 10_000_000

    @Option(help: "Scratch folder (removed afterwards).")
    var directory: String?

    func validate() throws {
        guard events >= 1_000, rounds >= 1, openEvents == 0 || openEvents >= 1_000 else {
            throw ValidationError("--events must be at least 1000, --rounds at least 1, --open-events 0 or at least 1000")
        }
    }

    func run() async throws {
        let scratch = BenchOutput.scratch(directory, "replay")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let bench = ReplayBench(events: events, rounds: rounds, openEvents: openEvents, directory: scratch)
        let report = try await bench.run(progress: BenchOutput.progress)
        if json {
            try BenchOutput.printJSON(report)
            return
        }
        let rows: [(String, String)] = [
            ("events", "\(report.events)"),
            ("scan_eps", rate(report.scan_eps)),
            ("counting_eps", rate(report.counting_eps) + "  (goal ≥ 2M; \(ratio(report.counting_ratio_vs_scan)) of scan)"),
            ("realistic_eps", rate(report.realistic_eps) + "  (goal ≥ 1M; \(ratio(report.realistic_ratio_vs_scan)) of scan)"),
            ("counting_digest_ms", String(format: "%.1f", report.counting_digest_ms)),
            ("realistic_digest_ms", String(format: "%.1f", report.realistic_digest_ms)),
            ("seal_fields_per_second", rate(report.seal_fields_per_second)),
            ("open_fields_per_second", rate(report.open_fields_per_second)),
            ("sealed_field_overhead_bytes", "\(report.sealed_field_overhead_bytes)"),
            ("open_events", "\(report.open_events)"),
            ("open_seconds", String(format: "%.3f  (goal ≤ 1 s at 10M events)", report.open_seconds)),
            ("open_events_applied", "\(report.open_events_applied)"),
            ("open_cold_rebuild_seconds", String(format: "%.3f", report.open_cold_rebuild_seconds)),
            ("snapshot_bytes", "\(report.snapshot_bytes)"),
            ("misses", report.misses.isEmpty ? "none" : report.misses.joined(separator: "; ")),
        ]
        for (name, value) in rows { print(name.padding(toLength: 28, withPad: " ", startingAt: 0) + value) }
    }

    private func rate(_ value: Double) -> String { String(format: "%.0f/s", value) }
    private func ratio(_ value: Double) -> String { String(format: "%.2f", value) }
}
