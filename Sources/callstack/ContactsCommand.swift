import ArgumentParser
import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import Foundation

struct ContactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "Search, show and keep contacts up to date: edit, archive, unarchive, add notes.",
        subcommands: [
            ContactsSearchCommand.self, ContactsShowCommand.self, ContactsEditCommand.self, ContactsArchiveCommand.self,
            ContactsUnarchiveCommand.self, ContactsNoteCommand.self,
        ]
    )
}

/// The options of the contact commands that record something.
struct ContactChangeOptions: ParsableArguments {
    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("as"), help: "The member issuing the command.")
    var member: String

    @Option(help: "The business time (RFC 3339); now when left out.")
    var at: String?

    @Option(name: .customLong("command-id"), help: "The command's id, for an idempotent retry; a fresh one when left out.")
    var commandID: String?

    /// Handles `command` and prints what it did; a refusal is a validation error.
    func handle(_ command: Callstack_V1_CommandEnvelope.OneOf_Command, _ what: String) async throws {
        let time = try at.map { try RFC3339.businessTime($0, option: "--at") } ?? BusinessTime(Date())
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let id = commandID ?? "cli-" + EventID.make().description
        switch try await engine.handle(command, id: id, by: member, at: time) {
        case .rejected(let rejection): throw ValidationError(rejection.description)
        case .accepted(let positions, let replayed):
            let done = positions.map { "\(what) at position \($0.lowerBound)" } ?? "nothing to change: \(what) already"
            print(replayed ? "command \(id) was handled before: \(done)" : done)
        }
    }
}
