import ArgumentParser
import EventLog
import EventSourcing
import Foundation
import Projections

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the log, then rebuild every projection from zero and compare it with the live one.",
        discussion: """
            First the log's own check (checksums, hash chain, dense positions and versions, indexes). Then, \
            for each projection, the live state (its snapshot in the store's projections folder, caught up \
            to the head) is compared with a rebuild from zero: equal digests prove that snapshots and \
            catch-up give what a full replay gives. The audit-trail index is compared with one rebuilt in a \
            scratch folder the same way. Exit status 0 when everything agrees, 1 otherwise.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        let bar = ProgressBar(label: "verify")
        let report = try log.verify { bar.update($0, of: $1) }
        bar.finish()
        print("log          ok: \(report.events) events, chain, \(report.streams) streams and both indexes; head \(report.head)")
        let snapshots = try? SnapshotStore.open(at: SnapshotStore.folder(forStore: storeOptions.store))
        defer { snapshots?.close() }
        var agree = true
        for name in ReplayCatalog.names {
            guard let check = try ReplayCatalog.compare(name, log: log, snapshots: snapshots, until: report.head.position) else { continue }
            agree = agree && check.agrees
            print(check.line)
        }
        if let snapshots {
            let check = try Self.compareAuditIndex(log: log, snapshots: snapshots)
            agree = agree && check.agrees
            print(check.line)
        }
        if !agree { throw ExitCode(1) }
    }

    /// The audit-trail index as kept (caught up to the head) against one rebuilt from zero in a
    /// scratch store.
    static func compareAuditIndex(log: EventLog, snapshots: SnapshotStore) throws -> (agrees: Bool, line: String) {
        let live = IndexRunner(AuditTrailProjector(), log: log, store: snapshots)
        try live.catchUp()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("callstack-verify-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let fresh = try SnapshotStore.open(at: scratch, durability: .unsafeNoSync)
        defer { fresh.close() }
        let rebuilt = IndexRunner(AuditTrailProjector(), log: log, store: fresh)
        try rebuilt.catchUp()
        let liveDigest = try live.digest(), rebuiltDigest = try rebuilt.digest()
        let agrees = liveDigest == rebuiltDigest
        return (agrees, "audit-trail \(agrees ? "ok" : "MISMATCH: live \(liveDigest)") (index caught up); digest \(rebuiltDigest)")
    }
}
