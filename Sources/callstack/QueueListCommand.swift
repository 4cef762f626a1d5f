import ArgumentParser
import CallStack
import CallStackDomain
import CallStackEvents
import Foundation
import Projections

struct QueueListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Print a campaign's lane counts and the first enrolments of each lane at a time.",
        discussion: """
            The lanes are folded from the log and moved to --at (default: the latest business time in \
            the log); moving them records nothing. With --as, asked as that member (readCampaigns); \
            without, as the store's operator. --json prints {"campaign", "at", "counts", "lanes": \
            {lane: [{"contact", "reason"}]}}.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The campaign's id.")
    var campaign: String

    @Option(help: "Only this lane: callback, hot-lead, redistributable, retry or priority.")
    var lane: String?

    @Option(help: "The moment to show (RFC 3339); default: the queue's clock.")
    var at: String?

    @Option(help: "How many enrolments to list per lane.")
    var limit: Int = 10

    @Option(name: .customLong("as"), help: "Ask as this member, checked against the permission matrix.")
    var member: String?

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        if let lane, Lane(named: lane) == nil { throw ValidationError("--lane must be one of \(Lane.allCases.map(\.description).joined(separator: ", "))") }
        guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
    }

    func run() throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let time = try at.map { try RFC3339.businessTime($0, option: "--at") } ?? BusinessTime(micros: 0)
        let state: QueueLanesState
        do {
            state = try member.map { try engine.queueLanes(at: time, asking: $0) } ?? engine.queueLanes(at: time)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        guard let lanes = state.campaigns[campaign] else { throw ValidationError("no campaign \(campaign) in the queue") }
        let shown = lane.flatMap(Lane.init(named:)).map { [$0] } ?? Lane.allCases
        let at = RFC3339.format(micros: state.clock)
        if json {
            print(Self.json(campaign, at, lanes, shown, limit, clock: state.clock))
            return
        }
        let health = CampaignHealth(lanes, at: state.clock)
        print("campaign \(campaign) at \(at): \(health.mode.name) dialing" + (health.mode != health.configuredMode ? " (configured \(health.configuredMode.name))" : ""))
        print("abandon rate \(CampaignHealth.percent(health.abandonRateBasisPoints)) of cap \(CampaignHealth.percent(health.abandonCapBasisPoints)); failures \(CampaignHealth.percent(health.failureRateBasisPoints)) over 24 hours")
        for reason in health.reasons { print("health: \(reason)") }
        for lane in shown {
            print("\(lane.description.padding(toLength: 16, withPad: " ", startingAt: 0)) \(lanes.count(lane))")
            for (contact, placement) in lanes.members(of: lane, limit: limit) { print("  \(contact)  \(placement.reason)") }
        }
    }

    static func json(_ campaign: String, _ at: String, _ lanes: CampaignLanes, _ shown: [Lane], _ limit: Int, clock: Int64) -> String {
        var counts: [String: Any] = [:]
        var members: [String: Any] = [:]
        for lane in shown {
            counts[lane.description] = lanes.count(lane)
            members[lane.description] = lanes.members(of: lane, limit: limit).map { ["contact": $0.contactID, "reason": $0.placement.reason] }
        }
        let health = CampaignHealth(lanes, at: clock)
        let object: [String: Any] = [
            "campaign": campaign, "at": at, "counts": counts, "lanes": members, "mode": health.mode.name,
            "abandon_rate_basis_points": health.abandonRateBasisPoints, "failure_rate_basis_points": health.failureRateBasisPoints,
            "health": health.reasons,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

