import ArgumentParser
import CallStackEvents

struct ContactsEditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a contact's fields, checked by the same rules as an import (Team Admins, Campaign Managers).",
        discussion: """
            Each --set FIELD=VALUE replaces the contact's value for FIELD; give phone or email several times \
            for several; an empty value clears the field. Fields: name, first_name, last_name, phone, email, \
            company, title, source, time_zone, notes, custom.<key>. Phones are read strictly with the \
            workspace's default region, emails, time zones, custom field types and sources are checked, \
            and a required field cannot be cleared; a refused edit records nothing and names every \
            problem with its reason code. Personal values are sealed under the contact's key, and the \
            keyed hashes follow the new phones and emails. An archived contact must be unarchived first.
            """
    )

    @OptionGroup var options: ContactChangeOptions

    @Argument(help: "The contact's id.")
    var contactID: String

    @Option(name: .customLong("set"), help: "FIELD=VALUE, such as phone=+447700900123 or custom.industry=Retail.")
    var values: [String] = []

    func validate() throws {
        guard !values.isEmpty else { throw ValidationError("give at least one --set FIELD=VALUE") }
        for value in values where !value.contains("=") { throw ValidationError("--set takes FIELD=VALUE, not \(value)") }
    }

    func run() async throws {
        var edit = Callstack_V1_EditContact()
        edit.contactID = contactID
        edit.values = values.map { text in
            var value = Callstack_V1_ContactFieldValue()
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            value.field = String(parts[0])
            value.value = parts.count > 1 ? String(parts[1]) : ""
            return value
        }
        try await options.handle(.editContact(edit), "contact \(contactID) edited")
    }
}
