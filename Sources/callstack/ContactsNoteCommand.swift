import ArgumentParser
import CallStackEvents

struct ContactsNoteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a note to a contact (a Caller only for contacts of the campaigns they are assigned to).",
        discussion: "The note's text is personal data: sealed under the contact's key, erased when the contact is forgotten."
    )

    @OptionGroup var options: ContactChangeOptions

    @Argument(help: "The contact's id.")
    var contactID: String

    @Argument(help: "The note (1 to 10,000 characters).")
    var text: String

    @Option(help: "The campaign the note belongs to; the contact must be enrolled in it.")
    var campaign: String?

    func run() async throws {
        var note = Callstack_V1_AddContactNote()
        note.contactID = contactID
        note.text = text
        note.campaignID = campaign ?? ""
        try await options.handle(.addContactNote(note), "note added to contact \(contactID)")
    }
}
