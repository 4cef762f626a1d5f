import ArgumentParser
import CallStack
import CallStackDomain
import CallStackEvents
import Foundation
import PersonalData
import Projections

struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "Print a contact's preview card for a campaign: what a caller sees before dialing.",
        discussion: """
            The contact's details, each number with its type, validity, local time and whether the \
            calling window is open, the suppression state, earlier attempts in the campaign with their \
            notes, the pinned script and playbook steps, the outcomes and what each requires, and where \
            the enrolment stands in the queue. Asked as --as (a Caller only for campaigns that assign them).
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The contact's id.")
    var contact: String

    @Option(help: "The campaign's id.")
    var campaign: String

    @Option(help: "The moment (RFC 3339); default: now.")
    var at: String?

    @Option(name: .customLong("as"), help: "The member who asks.")
    var member: String

    func run() throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let time = try at.map { try RFC3339.businessTime($0, option: "--at") } ?? BusinessTime(Date())
        let found: PreviewCard?
        do {
            found = try engine.previewCard(contact: contact, campaign: campaign, at: time, asking: member)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        guard let card = found else { throw ValidationError("no contact \(contact)") }
        print(Self.text(card))
    }

    static func text(_ card: PreviewCard) -> String {
        let person = card.contact.card
        var lines = ["\(person.name)" + (person.company.isEmpty ? "" : ", \(person.company)") + "  (\(person.contactID) in \(card.campaignID))"]
        if person.title != .absent { lines.append("title     \(person.title)") }
        for number in card.numbers {
            let quality = "\(number.type)".replacingOccurrences(of: "PhoneType.", with: "") + (number.valid ? ", valid" : ", not valid")
            lines.append("phone     \(number.number)  \(number.region)  \(quality)  \(number.localTimes.joined(separator: ", "))  \(number.windowClosed ?? "window open")")
            for warning in number.warnings { lines.append("          warning: \(warning)") }
        }
        lines.append("suppressed " + (card.suppression.map { "yes: entry \($0.id)" } ?? "no"))
        if let placement = card.placement { lines.append("queue     " + (placement.lane.map { "\($0): " } ?? "no lane: ") + placement.reason) }
        for attempt in card.attempts {
            lines.append("attempt   \(BusinessTime(micros: attempt.startedAtMicros).iso8601) by \(attempt.caller): \(attempt.result)"
                + (attempt.outcomeID.isEmpty ? "" : ", \(attempt.outcomeID)") + (attempt.notes == .absent ? "" : " — \(attempt.notes)"))
        }
        for note in card.contact.notes { lines.append("note      \(note.text)") }
        if let script = card.script { lines.append("script    \(script.title) (v\(script.version)): \(script.body)") }
        for step in card.playbookSteps { lines.append("step      \(step.stepID) \(step.title)" + (step.required ? " (required)" : "")) }
        if card.notesRequired { lines.append("outcomes  every outcome needs notes") }
        for outcome in card.outcomes {
            let needs = outcome.requirements.map { "\($0)" }.joined(separator: ", ")
            lines.append("outcome   \(outcome.outcomeID) \(outcome.label)" + (needs.isEmpty ? "" : "  needs: \(needs)"))
        }
        return lines.joined(separator: "\n")
    }
}
