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
            catch-up give what a full replay gives. Exit status 0 when everything agrees, 1 otherwise.
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
        if !agree { throw ExitCode(1) }
    }
}
