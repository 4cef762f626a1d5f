import ArgumentParser
import CallStack
import CallStackDomain
import Foundation
import PersonalData

struct ContactsSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search contacts by name, phone, email, company, source, status or campaign, a page at a time.",
        discussion: """
            Every criterion given must hold. --name and --company match part of the text, ignoring case and \
            accents; --phone (read with the workspace's default region) and --email match exactly, through \
            the keyed-hash index; --status is the call status in --campaign, or in any campaign. Archived \
            contacts are left out unless --archived; forgotten ones always are. Results come in contact id \
            order; the last line names the --after that gives the next page. Asked as --as (a Caller sees \
            only contacts of the campaigns they are assigned to). Opens the key store, so the store must \
            not be open in another process.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("as"), help: "The member who searches (any role may read contacts).")
    var member: String

    @Option(help: "Part of the name.") var name: String?
    @Option(help: "A phone number.") var phone: String?
    @Option(help: "An email address.") var email: String?
    @Option(help: "Part of the company.") var company: String?
    @Option(help: "A source option's id.") var source: String?
    @Option(help: "A call status.") var status: String?
    @Option(help: "Enrolled in this campaign.") var campaign: String?
    @Flag(help: "Include archived contacts.") var archived = false
    @Option(help: "The contact id the previous page ended with.") var after: String?
    @Option(help: "Contacts per page (1 to 1000).") var limit = 50
    @Flag(help: "One JSON object per contact, then one with the total and the next cursor.") var json = false

    func run() throws {
        var query = ContactQuery()
        (query.name, query.phone, query.email, query.company) = (name, phone, email, company)
        (query.source, query.status, query.campaign, query.after) = (source, status, campaign, after)
        query.includeArchived = archived
        query.limit = limit
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let page: ContactSearchPage
        do {
            page = try engine.searchContacts(query, asking: member)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        for contact in page.contacts { print(json ? try Self.json(contact) : Self.line(contact)) }
        if json {
            let end: [String: Any] = ["total": page.total, "next": page.next ?? NSNull()]
            print(String(decoding: try JSONSerialization.data(withJSONObject: end, options: [.sortedKeys]), as: UTF8.self))
        } else {
            print("\(page.contacts.count) shown of \(page.total)" + (page.next.map { "; next page: --after \($0)" } ?? ""))
        }
    }

    static func line(_ contact: ContactSummary) -> String {
        let enrolments = contact.enrolments.map { "\($0.campaignID):\($0.callStatus)" }.joined(separator: ",")
        return [
            contact.contactID, contact.name.description, contact.phones.map(\.description).joined(separator: ","),
            contact.emails.map(\.description).joined(separator: ","), contact.company, contact.source, enrolments,
            contact.archived ? "archived" : "",
        ].joined(separator: "\t")
    }

    static func json(_ contact: ContactSummary) throws -> String {
        let object: [String: Any] = [
            "contact_id": contact.contactID, "name": contact.name.description, "phones": contact.phones.map(\.description),
            "emails": contact.emails.map(\.description), "regions": contact.regions, "company": contact.company, "source": contact.source,
            "archived": contact.archived,
            "enrolments": contact.enrolments.map { ["campaign_id": $0.campaignID, "call_status": $0.callStatus] },
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
