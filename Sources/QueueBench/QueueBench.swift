import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import SwiftProtobuf
import PersonalData
public import Workload
public import Projections

/// The queue-lanes benchmark: a generated workload at scale (``BulkWorkload``), replayed into the
/// queue lanes from zero beside a raw scan of the same log, then `next` selections timed (the
/// choice and the lease, not the commit), lane counts at the clock, and peak memory.
public struct QueueBench: Sendable {
    public let plan: WorkloadPlan
    public let rounds: Int
    public let samples: Int
    public let directory: String

    public init(plan: WorkloadPlan, rounds: Int = 3, samples: Int = 20_000, directory: String) {
        self.plan = plan
        self.rounds = rounds
        self.samples = samples
        self.directory = directory
    }

    public func run(progress: (String) -> Void) async throws -> QueueBenchReport {
        try? FileManager.default.removeItem(atPath: directory)
        let engine = try Engine.open(at: directory, keySource: .seeded(plan.seed), durability: .unsafeNoSync, stamps: .businessTime)
        defer { engine.close() }
        let workload = BulkWorkload(plan: plan)
        let events = try await workload.run(on: engine, progress: progress)
        let total = Int(try engine.log.headPosition())
        progress("generated \(total) events (\(events) in bulk)")
        var replays: [Double] = []
        var scans: [Double] = []
        var lanes = Projection(QueueLanesProjector())
        for round in 0..<rounds {
            scans.append(try Self.rate(total) { try engine.log.scan(from: 1, limit: .max) { _ in } })
            lanes = Projection(QueueLanesProjector())
            replays.append(try Self.rate(total) { try lanes.catchUp(from: engine.log, registry: .callstack) })
            progress("round \(round + 1): replay \(Int(replays.last ?? 0)) events/s, raw scan \(Int(scans.last ?? 0)) events/s")
        }
        var state = lanes.state
        let laneCounts = Self.counts(state)
        let clock = state.clock
        // A day later, at the same time of day: everything that came due in between wakes.
        let started = ContinuousClock.now
        state.advance(to: clock + 86_400_000_000)
        let advance = ContinuousClock.now - started
        let (latencies, empty) = Self.selections(&state, plan: plan, samples: samples, at: state.clock)
        let sorted = latencies.sorted()
        var report = QueueBenchReport(
            contacts: plan.contactsPerCampaign * plan.campaigns.count, callers: plan.callers, days: plan.days, events: total,
            replay_eps: Self.median(replays), raw_scan_eps: Self.median(scans), replay_to_raw_ratio: Self.median(replays) / max(Self.median(scans), 1),
            next_p50_us: Self.percentile(sorted, 0.50), next_p99_us: Self.percentile(sorted, 0.99), next_samples: sorted.count, next_empty: empty,
            peak_rss_bytes: Self.peakResidentBytes(), lane_counts: laneCounts,
            advance_day_ms: Double(advance.components.attoseconds) / 1e15 + Double(advance.components.seconds) * 1_000,
            digest: QueueLanesProjector().digest(of: state).description)
        if report.replay_eps < report.goal_replay_eps { report.misses.append("replay_eps \(Int(report.replay_eps)) < \(Int(report.goal_replay_eps))") }
        if report.next_p99_us > report.goal_next_p99_us { report.misses.append(String(format: "next_p99_us %.1f > %.0f", report.next_p99_us, report.goal_next_p99_us)) }
        if report.peak_rss_bytes > report.goal_peak_rss_bytes { report.misses.append("peak_rss_bytes \(report.peak_rss_bytes) > \(report.goal_peak_rss_bytes)") }
        return report
    }

    /// Times `samples` selections, each for the next caller in turn at `now`, with the leases
    /// the engine keeps; after each, untimed, the reservation reaches the lanes (the commit) and
    /// the lease is dropped. Returns each selection's microseconds and how many found nobody.
    public static func selections(_ state: inout QueueLanesState, plan: WorkloadPlan, samples: Int, at now: Int64) -> ([Double], Int) {
        let callers = (1...plan.callers).map { "caller-" + ($0 < 10 ? "0\($0)" : "\($0)") }
        let windows = plan.campaigns.map { state.campaigns[$0].flatMap { CallingWindowRule($0.rules.controls.dialing.callingWindow) } }
        var leases = Set<String>()
        var latencies: [Double] = []
        latencies.reserveCapacity(samples)
        var empty = 0
        for sample in 0..<samples {
            let callerIndex = sample % callers.count
            let campaignIndex = callerIndex % plan.campaigns.count
            let campaign = plan.campaigns[campaignIndex]
            let caller = callers[callerIndex]
            let started = ContinuousClock.now
            let chosen = state.take(from: campaign, limit: 512) { record, placement, context in
                !leases.contains(record.contactID)
                    && Engine.eligible(record, placement, for: caller, in: context, window: windows[campaignIndex], at: now)
            }
            if let (contact, _) = chosen { leases.insert(contact) } else { empty += 1 }
            let elapsed = ContinuousClock.now - started
            latencies.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            // The commit, untimed: the reservation reaches the lanes and the lease is dropped.
            if let (contact, _) = chosen {
                QueueLanesProjector().apply(&state, DecodedEvent(
                    position: UInt64(1 << 40) + UInt64(sample), stream: "contact-" + contact, streamVersion: 0, type: "CallReserved",
                    recordedAtMicros: now, actor: caller,
                    message: Callstack_V1_CallReserved.with {
                        $0.occurred.atMicros = now; $0.contactID = contact; $0.campaignID = campaign; $0.callerMemberID = caller
                        $0.reservationID = "bench-\(sample)"; $0.expiresAtMicros = now + 600_000_000
                    }))
                leases.remove(contact)
            }
        }
        return (latencies, empty)
    }

    static func counts(_ state: QueueLanesState) -> [String: [String: Int]] {
        var counts: [String: [String: Int]] = [:]
        for (id, lanes) in state.campaigns {
            counts[id] = Dictionary(uniqueKeysWithValues: Lane.allCases.map { ($0.description, lanes.count($0)) })
        }
        return counts
    }

    static func rate(_ events: Int, _ body: () throws -> Void) rethrows -> Double {
        let started = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Double(events) / max(seconds, 1e-9)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func percentile(_ sorted: [Double], _ share: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * share))]
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1_024
    }
}
