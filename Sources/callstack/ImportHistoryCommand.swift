import ArgumentParser
import CallStack
import CallStackDomain
import EventLog
import Foundation
import Projections

struct ImportHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every import: who imported which file into which campaign, when, with what mapping and outcome.",
        discussion: """
            From the import-history projection (folded from the import streams; `callstack replay` and \
            `verify` give its digest). One line per import: id, state, campaign, file (name, bytes, SHA-256), \
            who and when, and its rows by action; --id shows one import with its rejected rows by reason; \
            --json prints every row's outcome too.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Option(name: .customLong("as"), help: "Read as this member (Team Admins and Campaign Managers).")
    var member: String

    @Option(help: "Only this import.")
    var id: String?

    @Flag(help: "Print JSON: one object per import, with every row's outcome.")
    var json = false

    func run() throws {
        let reader = WorkspaceReader(log: try storeOptions.open(readOnly: true))
        let history: [String: ImportHistoryProjector.Import]
        do {
            let view = reader.queries(as: member)
            // One import: its own stream, not the whole log.
            history = try id.map { id in try view.importHistory(id).map { [id: $0] } ?? [:] } ?? view.importHistory()
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        let imports = history.keys.sorted().compactMap { history[$0] }.filter { id == nil || $0.importID == id }
        if let id, imports.isEmpty { throw ValidationError("no import \(id)") }
        for record in imports {
            if json {
                print(try Self.json(record))
                continue
            }
            let actions = record.actions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("\(record.importID)  \(record.state)  campaign \(record.campaignID)  \(record.fileName) (\(record.fileBytes) bytes, sha256 \(record.fileSHA256.prefix(12))…)  by \(record.actor) at \(RFC3339.format(micros: record.startedAtMicros))  rows \(record.rows.count): \(actions)")
            guard id != nil else { continue }
            print("  mapping: " + zip(record.headers, record.fields).map { "\($0) → \($1)" }.joined(separator: ", "))
            for (reason, rows) in record.rejectedByReason.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { print("  \(reason)  \(rows)") }
        }
    }

    static func json(_ record: ImportHistoryProjector.Import) throws -> String {
        let object: [String: Any] = [
            "import_id": record.importID, "state": record.state, "campaign_id": record.campaignID, "actor": record.actor,
            "started_at": RFC3339.format(micros: record.startedAtMicros), "file_name": record.fileName, "file_bytes": record.fileBytes,
            "file_sha256": record.fileSHA256, "headers": record.headers, "fields": record.fields, "actions": record.actions,
            "rejected_by_reason": record.rejectedByReason,
            "rows": record.rows.map { ["line": $0.line, "action": $0.action, "contact_id": $0.contactID, "reasons": $0.reasons] as [String: Any] },
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
