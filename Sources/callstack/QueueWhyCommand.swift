import ArgumentParser
import CallStack
import CallStackDomain
import Foundation
import Projections

struct QueueWhyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Say why an enrolment was, or was not, in a lane at a moment, from history.",
        discussion: """
            Folds the workspace's, the campaign's and the contact's events whose business time is at or \
            before --at, as the queue does, and places the enrolment at --at: the answer stays the same \
            whatever happened later. Prints the lane (or none), the rule, what the queue knew (attempts, \
            last outcome, owner, callback, hot lead) and the contact's events up to then.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The contact's id.")
    var contact: String

    @Option(help: "The campaign's id.")
    var campaign: String

    @Option(help: "The moment (RFC 3339).")
    var at: String

    @Option(name: .customLong("as"), help: "Ask as this member, checked against the permission matrix.")
    var member: String?

    func run() throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let time = try RFC3339.businessTime(at, option: "--at")
        let found: QueueExplanation?
        do {
            found = try member.map { try engine.explainQueue(contact: contact, campaign: campaign, at: time, asking: $0) }
                ?? engine.explainQueue(contact: contact, campaign: campaign, at: time)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        guard let why = found else { throw ValidationError("contact \(contact) was not enrolled in campaign \(campaign) at \(at)") }
        print(Self.text(why))
    }

    static func text(_ why: QueueExplanation) -> String {
        let record = why.record
        var lines = [
            "\(why.contactID) in \(why.campaignID) at \(why.at.iso8601): " + (why.placement.lane.map { "in lane \($0)" } ?? "in no lane"),
            "because   \(why.placement.reason)",
            "attempts  \(record.attempts)" + (record.lastOutcomeID.isEmpty ? "" : ", last outcome \(record.lastOutcomeID)"),
        ]
        if !record.owner.isEmpty { lines.append("owner     \(record.owner)") }
        if let due = record.callbackDue { lines.append("callback  due \(BusinessTime(micros: due).iso8601)" + (record.callbackOwner.isEmpty ? "" : " for \(record.callbackOwner)")) }
        if let since = record.hotLeadSince { lines.append("hot lead  since \(BusinessTime(micros: since).iso8601)") }
        lines.append("history:")
        lines += why.history.map { "  " + $0 }
        return lines.joined(separator: "\n")
    }
}
