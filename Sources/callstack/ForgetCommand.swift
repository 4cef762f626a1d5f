import ArgumentParser
import CallStack
import Foundation
import PersonalData

struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase a data subject's personal data (a Team Admin command).",
        subcommands: [ForgetContactCommand.self]
    )
}

struct ForgetContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "Forget a contact: delete its key and keyed hashes, and record ContactForgotten.",
        discussion: """
            The contact's name, phones, emails, title and other personal fields were sealed under its own \
            key; deleting the key (and compacting the key store, so the bytes leave the disk) erases them \
            everywhere at once: in the log, in read models, snapshots and later backups. The log itself is \
            not rewritten, so its hash chain and `log verify` stay valid. Suppression entries for the \
            contact's numbers are kept by legal obligation. Only a Team Admin may forget; forgetting a \
            forgotten contact records nothing more. The key store must not be open in another process.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The contact's id (its stream is contact-ID).")
    var contactID: String

    @Option(name: .customLong("as"), help: "The member issuing the command; must be a Team Admin.")
    var member: String

    @Option(help: "The business time of the command, RFC 3339 (default: now).")
    var at: String?

    func validate() throws {
        if let at, RFC3339.parse(at) == nil { throw ValidationError("--at takes an RFC 3339 time, such as 2026-11-29T14:03:00Z") }
    }

    func run() async throws {
        let time = at.flatMap(RFC3339.parse) ?? Date()
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let result = try await engine.forgetContact(contactID, by: member, at: time)
        let report = result.report
        print("contact      \(contactID)")
        print("key          \(report.keyDeleted ? "deleted" : "none (already forgotten, or nothing was sealed)")")
        print("lookups      \(report.lookupsDeleted) keyed hashes deleted")
        print("key store    compacted to \(report.keyStoreBytes) bytes")
        if let position = result.position {
            print("recorded     ContactForgotten at position \(position)")
        } else {
            print("recorded     no second ContactForgotten: the contact was already forgotten")
        }
    }
}
