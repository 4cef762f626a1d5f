import ArgumentParser
import CallStack
import CallStackDomain
import Foundation
import PersonalData

struct ContactsShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one contact in full: its fields opened with its key, its enrolments and notes.",
        discussion: "Asked as --as (a Caller only for contacts of the campaigns they are assigned to). A forgotten contact's personal fields show as (erased)."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("as"), help: "The member who asks.")
    var member: String

    @Argument(help: "The contact's id.")
    var contactID: String

    func run() throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let found: ContactView?
        do {
            found = try engine.contact(contactID, asking: member)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        guard let contact = found else { throw ValidationError("no contact \(contactID)") }
        let card = contact.card
        var lines = ["contact \(card.contactID)" + (contact.forgotten ? "  (forgotten)" : contact.archived ? "  (archived)" : "")]
        lines.append("name      \(card.name)")
        if card.title != .absent { lines.append("title     \(card.title)") }
        for phone in card.phones { lines.append("phone     \(phone.number)  \(phone.region)  \(phone.timeZone)") }
        for email in card.emails { lines.append("email     \(email)") }
        if !card.company.isEmpty { lines.append("company   \(card.company)") }
        if !card.source.isEmpty { lines.append("source    \(card.source)") }
        for field in card.customFields { lines.append("custom    \(field.key) = \(field.value)") }
        if card.notes != .absent { lines.append("notes     \(card.notes)") }
        for enrolment in contact.enrolments { lines.append("campaign  \(enrolment.campaignID)  \(enrolment.callStatus)") }
        for note in contact.notes {
            let campaign = note.campaignID.isEmpty ? "" : " in \(note.campaignID)"
            lines.append("note      \(RFC3339.format(micros: note.atMicros)) by \(note.author)\(campaign): \(note.text)")
        }
        print(lines.joined(separator: "\n"))
    }
}
