import ArgumentParser
import CallStack
import CallStackDomain
import Foundation

struct AdvanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "advance",
        abstract: "Record what time has made due by --to: expired reservations, escalations, due callbacks.",
        discussion: """
            Issues the system commands time makes due, as --as: reservations nobody dialled before \
            their expiry are released (ReservationReleased, cause expired), hot leads past their \
            service-level time are escalated (HotLeadEscalated), and callbacks that came due are \
            surfaced (CallbackDue). Each command's id derives from what it acts on, so running advance \
            again records nothing twice. Prints the counts.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The business time to advance to (RFC 3339).")
    var to: String

    @Option(name: .customLong("as"), help: "The member the system commands are issued as (one who may dial).")
    var member: String

    func run() async throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let time = try RFC3339.businessTime(to, option: "--to")
        let report = try await engine.advance(to: time, by: member)
        print("advanced to \(time.iso8601): \(report.expired) expired, \(report.escalated) escalated, \(report.callbacksDue) callbacks due, \(report.refused) refused")
    }
}
