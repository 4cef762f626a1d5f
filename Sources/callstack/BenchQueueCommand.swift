import ArgumentParser
import Foundation
import QueueBench
import Workload

struct BenchQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Replay into the queue lanes beside a raw scan, time next selections, and report lane counts and peak memory.",
        discussion: """
            Generates the workload (the generator's workspace set up through the engine, then \
            --contacts contacts split over two campaigns and --days days of calling by --callers \
            callers, 100 calls each a day, appended in bulk), then in each round scans the log raw and \
            replays it into the queue lanes from zero (replay_eps, a median, and its ratio to the raw \
            scan), reports the lane counts at the clock, moves the clock a day on (advance_day_ms), times \
            --samples selections with leases there (next_p50_us, next_p99_us: the choice, not the \
            commit), and reports peak_rss_bytes. Goals: replay_eps ≥ 1M, next_p99_us ≤ 20, peak_rss_bytes ≤ 1.5 GB \
            at 1M contacts, 200 callers, 30 days. Build with `swift build -c release`.
            """
    )

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "Contacts, split over the two campaigns.")
    var contacts = 1_000_000

    @Option(help: "Callers, split over the two campaigns.")
    var callers = 200

    @Option(help: "Days of calling.")
    var days = 30

    @Option(help: "Side-by-side rounds; rates are medians.")
    var rounds = 3

    @Option(help: "Timed next selections.")
    var samples = 20_000

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 42

    @Option(help: "Scratch folder (removed afterwards).")
    var directory: String?

    func validate() throws {
        guard contacts >= 2, callers >= 2, days >= 1, rounds >= 1, samples >= 1 else {
            throw ValidationError("--contacts and --callers must be at least 2; --days, --rounds and --samples at least 1")
        }
    }

    func run() async throws {
        let scratch = BenchOutput.scratch(directory, "queue")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let plan = WorkloadPlan(seed: seed, contactsPerCampaign: contacts / 2, callers: callers, days: days)
        let bench = QueueBench(plan: plan, rounds: rounds, samples: samples, directory: scratch)
        let report = try await bench.run(progress: BenchOutput.progress)
        if json {
            try BenchOutput.printJSON(report)
            return
        }
        let rows: [(String, String)] = [
            ("events", "\(report.events)  (\(report.contacts) contacts, \(report.callers) callers, \(report.days) days)"),
            ("raw_scan_eps", String(format: "%.0f/s", report.raw_scan_eps)),
            ("replay_eps", String(format: "%.0f/s  (goal ≥ 1M; %.2f of the raw scan)", report.replay_eps, report.replay_to_raw_ratio)),
            ("next_p50_us", String(format: "%.1f", report.next_p50_us)),
            ("next_p99_us", String(format: "%.1f  (goal ≤ 20; %d samples, %d found nobody)", report.next_p99_us, report.next_samples, report.next_empty)),
            ("advance_day_ms", String(format: "%.1f", report.advance_day_ms)),
            ("peak_rss_bytes", "\(report.peak_rss_bytes)  (goal ≤ 1.5 GB)"),
            ("digest", report.digest),
            ("misses", report.misses.isEmpty ? "none" : report.misses.joined(separator: "; ")),
        ]
        for (name, value) in rows { print(name.padding(toLength: 16, withPad: " ", startingAt: 0) + value) }
        for campaign in report.lane_counts.keys.sorted() {
            let lanes = report.lane_counts[campaign] ?? [:]
            print("lanes " + campaign + ": " + ["callback", "hot-lead", "redistributable", "retry", "priority"].map { "\($0) \(lanes[$0] ?? 0)" }.joined(separator: ", "))
        }
    }
}
