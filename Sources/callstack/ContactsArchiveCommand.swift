import ArgumentParser
import CallStackEvents

struct ContactsArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive a contact: kept, but out of searches and duplicate checks (Team Admins, Campaign Managers).",
        discussion: "Its keyed hashes are dropped, so an import no longer finds it as a duplicate; unarchive brings them back."
    )

    @OptionGroup var options: ContactChangeOptions

    @Argument(help: "The contact's id.")
    var contactID: String

    @Option(help: "Why (up to 500 characters).")
    var reason = ""

    func run() async throws {
        var archive = Callstack_V1_ArchiveContact()
        archive.contactID = contactID
        archive.reason = reason
        try await options.handle(.archiveContact(archive), "contact \(contactID) archived")
    }
}

struct ContactsUnarchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unarchive",
        abstract: "Bring an archived contact back into searches and duplicate checks (Team Admins, Campaign Managers)."
    )

    @OptionGroup var options: ContactChangeOptions

    @Argument(help: "The contact's id.")
    var contactID: String

    func run() async throws {
        var unarchive = Callstack_V1_UnarchiveContact()
        unarchive.contactID = contactID
        try await options.handle(.unarchiveContact(unarchive), "contact \(contactID) unarchived")
    }
}
