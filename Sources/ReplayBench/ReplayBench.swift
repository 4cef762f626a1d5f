import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import LogBench
import PersonalData
import Projections
import SwiftProtobuf

/// The measurements behind `callstack bench replay`: rebuild rates beside the raw scan, the cost
/// of sealed fields, and opening a large store with a snapshot.
public struct ReplayBench: Sendable {
    public var events: Int
    public var rounds: Int
    /// Events of the store the open measurement uses; 0 skips it.
    public var openEvents: Int
    /// Scratch folder; the caller removes it.
    public var directory: String

    public init(events: Int, rounds: Int, openEvents: Int, directory: String) {
        self.events = events
        self.rounds = rounds
        self.openEvents = openEvents
        self.directory = directory
    }

    public func run(progress: (String) -> Void = { _ in }) async throws -> ReplayBenchReport {
        progress("generating \(events) events")
        let (log, keys) = try await generated("replay", events: events)
        var figures: [String: [Double]] = [:]
        for round in 1...max(rounds, 1) {
            progress("round \(round) of \(rounds)")
            figures["scan", default: []].append(try rate(events: events) { try scan(log) })
            for (name, fold) in [("counting", try rebuild(EventCountsProjector(), log)), ("realistic", try rebuild(CampaignProgressProjector(), log))] {
                figures[name, default: []].append(Double(events) / max(fold.foldSeconds, 1e-9))
                figures[name + "_digest", default: []].append(fold.digestSeconds * 1_000)
            }
        }
        let sealing = try measureSealing(keys)
        let head = try log.headPosition()
        keys.close()
        log.close()
        var report = ReplayBenchReport(
            events: Int(head), rounds: rounds,
            scan_eps: LogBench.median(figures["scan"] ?? []), counting_eps: LogBench.median(figures["counting"] ?? []),
            realistic_eps: LogBench.median(figures["realistic"] ?? []), counting_ratio_vs_scan: 0, realistic_ratio_vs_scan: 0,
            counting_digest_ms: LogBench.median(figures["counting_digest"] ?? []),
            realistic_digest_ms: LogBench.median(figures["realistic_digest"] ?? []),
            seal_fields_per_second: sealing.seal, open_fields_per_second: sealing.open,
            sealed_field_overhead_bytes: sealing.overhead, open_events: 0, open_seconds: 0, open_events_applied: 0,
            open_cold_rebuild_seconds: 0, snapshot_bytes: 0, misses: [])
        report.counting_ratio_vs_scan = report.counting_eps / max(report.scan_eps, 1)
        report.realistic_ratio_vs_scan = report.realistic_eps / max(report.scan_eps, 1)
        if openEvents > 0 { try await measureOpen(into: &report, progress: progress) }
        report.misses = Self.misses(report)
        return report
    }

    private func generated(_ name: String, events: Int) async throws -> (EventLog, SubjectKeyStore) {
        let path = directory + "/" + name
        try? FileManager.default.removeItem(atPath: path)
        let log = try EventLog.open(at: path, configuration: EventLogConfiguration(durability: .unsafeNoSync))
        let keys = try SubjectKeyStore.open(
            at: SubjectKeyStore.folder(forStore: path), keySource: .seeded(1), durability: .unsafeNoSync)
        try await ReplayWorkload.fill(log, keys: keys, events: events)
        return (log, keys)
    }

    private func scan(_ log: EventLog) throws {
        var bytes = 0
        try log.scan(from: 1) { record in bytes &+= record.payload.count }
        if bytes == 0 { throw EventLogError(.invalidArgument, "the scan saw no payload") }
    }

    /// A rebuild from zero: the fold timed on its own, then the digest (once per rebuild, linear in
    /// the state, not in the events) timed apart.
    private func rebuild<P: Projector>(_ projector: P, _ log: EventLog) throws -> (foldSeconds: Double, digestSeconds: Double) {
        var projection = Projection(projector)
        let started = ContinuousClock.now
        try projection.catchUp(from: log, registry: .callstack)
        let folded = ContinuousClock.now
        let digest = projection.digest
        let digested = ContinuousClock.now
        guard projection.eventsApplied > 0, !digest.bytes.isEmpty else {
            throw EventLogError(.invalidArgument, "the rebuild folded nothing")
        }
        return ((folded - started).seconds, (digested - folded).seconds)
    }

    private func rate(events: Int, _ body: () throws -> Void) throws -> Double {
        let started = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - started
        return Double(events) / max(elapsed.seconds, 1e-9)
    }

    private func measureSealing(_ keys: SubjectKeyStore) throws -> (seal: Double, open: Double, overhead: Int) {
        let subject = try DataSubject(.contact, "c0")
        let fields = 100_000
        let id = EventID.make()
        var sealed: [Callstack_V1_SealedValue] = []
        sealed.reserveCapacity(fields)
        let sealRate = try rate(events: fields) {
            for index in 0..<fields {
                sealed.append(try keys.seal("Contact \(index % 100_000)", for: subject, field: .contactEmail.at(index), eventID: id))
            }
        }
        let openRate = try rate(events: fields) {
            for (index, value) in sealed.enumerated() {
                guard case .text = try keys.open(value, of: subject, field: .contactEmail.at(index)) else {
                    throw PersonalDataError.tampered("the bench could not open its own value")
                }
            }
        }
        let name = "Contact 12345xx"
        let box = try keys.seal(name, for: subject, field: .contactName, eventID: id)
        let encoded: [UInt8] = try box.serializedBytes()
        return (sealRate, openRate, encoded.count - name.utf8.count)
    }

    /// Builds a store of ``openEvents`` events, snapshots `campaign-progress` at its head, appends
    /// 1,000 more, closes it, and times a fresh open up to a caught-up runner.
    private func measureOpen(into report: inout ReplayBenchReport, progress: (String) -> Void) async throws {
        progress("generating \(openEvents) events for the open")
        let path = directory + "/open"
        let (log, keys) = try await generated("open", events: openEvents)
        let snapshots = try SnapshotStore.open(at: SnapshotStore.folder(forStore: path), durability: .unsafeNoSync)
        progress("cold rebuild and snapshot")
        let started = ContinuousClock.now
        try ProjectionRunner(CampaignProgressProjector(), log: log, snapshots: snapshots).start()
        report.open_cold_rebuild_seconds = (ContinuousClock.now - started).seconds
        try await ReplayWorkload.fill(log, keys: keys, events: 1_000, firstContact: openEvents, seed: 2)
        report.open_events = Int(try log.headPosition())
        snapshots.close()
        keys.close()
        log.close()
        report.snapshot_bytes = Self.fileSize(SnapshotStore.folder(forStore: path) + "/data.mdb")

        progress("timed open")
        let opening = ContinuousClock.now
        let reopened = try EventLog.open(at: path, configuration: EventLogConfiguration(durability: .unsafeNoSync))
        let store = try SnapshotStore.open(at: SnapshotStore.folder(forStore: path), durability: .unsafeNoSync)
        let runner = ProjectionRunner(CampaignProgressProjector(), log: reopened, snapshots: store, snapshotEvery: .max)
        let start = try runner.start()
        report.open_seconds = (ContinuousClock.now - opening).seconds
        report.open_events_applied = start.eventsApplied
        store.close()
        reopened.close()
    }

    static func misses(_ report: ReplayBenchReport) -> [String] {
        var misses: [String] = []
        if report.counting_eps < 2_000_000 { misses.append("counting_eps \(Int(report.counting_eps)) < 2000000") }
        if report.realistic_eps < 1_000_000 { misses.append("realistic_eps \(Int(report.realistic_eps)) < 1000000") }
        if report.open_events >= 10_000_000 && report.open_seconds > 1 {
            misses.append("open_seconds \(report.open_seconds) > 1 for \(report.open_events) events")
        }
        return misses
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}
