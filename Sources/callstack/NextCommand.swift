import ArgumentParser
import CallStack
import CallStackDomain
import Foundation

struct NextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Reserve the next contact of a campaign for a caller, and print it.",
        discussion: """
            Walks the lanes in precedence order and reserves the first enrolment the caller may call at \
            --at: its owner or callback owner is the caller or nobody (sticky-owner campaigns), the \
            contact's and the caller's call spacing and the daily attempt cap allow it, and the calling \
            window holds in every time zone the number may be in. The reservation (CallReserved) lasts \
            10 minutes; `callstack advance` releases it after that. Prints the reservation id, the \
            contact, the lane and the rule that put it there; "none" when nobody is eligible now.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The caller (a member who may dial, assigned to the campaign).")
    var caller: String

    @Option(help: "The campaign's id.")
    var campaign: String

    @Option(help: "The business time (RFC 3339); default: now.")
    var at: String?

    func run() async throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let time = try at.map { try RFC3339.businessTime($0, option: "--at") } ?? BusinessTime(Date())
        do {
            guard let reservation = try await engine.next(caller: caller, campaign: campaign, at: time) else {
                print("none: no enrolment of \(campaign) is eligible for \(caller) at \(time.iso8601)")
                return
            }
            print("reserved \(reservation.reservationID)")
            print("contact  \(reservation.contactID)")
            print("lane     \(reservation.lane): \(reservation.reason)")
            print("expires  \(BusinessTime(micros: reservation.expiresAtMicros).iso8601)")
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
    }
}
