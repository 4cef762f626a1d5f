import ArgumentParser
import CallStack
import CallStackDomain
import EventLog
import Foundation

struct ImportUndoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo an import: remove its enrolments and archive the contacts it created, where nobody has worked them since.",
        discussion: """
            Compensating events, never deletions: ContactUnenrolled for each enrolment the import made, \
            ContactArchived for each contact it created (whose keyed hashes are dropped, so they no longer \
            count as duplicates), a ContactEdited putting back the fields an UPDATE import changed, then \
            ImportUndone. A contact with any event after the import's own events on it \
            (a call, a note, an edit) is left as it is, and the result says so, row by row. Running it again \
            does nothing more; an undone import is not resumed.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The import's id.")
    var id: String

    @Option(name: .customLong("as"), help: "The member who undoes it (a Team Admin or Campaign Manager).")
    var member: String

    @Option(help: "The business time (RFC 3339); now when left out.")
    var at: String?

    func run() async throws {
        let time = try at.map { try RFC3339.businessTime($0, option: "--at") } ?? BusinessTime(Date())
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let result: ImportUndoResult
        do {
            result = try await engine.undoImport(id, as: member, at: time)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        if result.alreadyUndone { print("import \(id) was undone before; nothing done") }
        print("unenrolled \(result.unenrolled), archived \(result.archived), restored \(result.restored), not undone \(result.notUndoneTotal)")
        for row in result.notUndone { print("  line \(row.line)  \(row.contactID)  \(row.reason)") }
    }
}
