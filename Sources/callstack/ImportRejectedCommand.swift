import ArgumentParser
import CallStack
import CallStackDomain
import ContactImport
import EventLog
import Foundation
import Projections

struct ImportRejectedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejected",
        abstract: "Write an import's rejected rows as CSV again, at any later time, from its history.",
        discussion: """
            The history keeps each rejected row's line and reason codes, not its cells (they may hold \
            personal data, which the log keeps sealed). With --file, the original file is read again (it must \
            have the SHA-256 the import recorded) and each rejected row is written with its cells, line and \
            reason codes; without, the line and reason codes only. Cells are neutralized against formula \
            injection.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The import's id.")
    var id: String

    @Argument(help: "The CSV file to write.")
    var output: String

    @Option(name: .customLong("as"), help: "Read as this member (Team Admins and Campaign Managers).")
    var member: String

    @Option(help: "The file that was imported, to write the rejected rows' cells.")
    var file: String?

    func run() throws {
        let reader = WorkspaceReader(log: try storeOptions.open(readOnly: true))
        let record: ImportHistoryProjector.Import
        do {
            guard let found = try reader.queries(as: member).importHistory()[id] else { throw ValidationError("no import \(id)") }
            record = found
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        let rejected = Dictionary(record.rows.filter { $0.action == "rejected" }.map { (Int($0.line), $0.reasons) }, uniquingKeysWith: { first, _ in first })
        var writer = try CSVWriter(path: output)
        if let file {
            guard try Engine.scanImportFile(file).sha256 == record.fileSHA256 else {
                throw ValidationError("\(file) is not the file import \(id) read (its SHA-256 differs)")
            }
            let csv = try CSVReader(path: file)
            var header = true
            while let row = try csv.next() {
                if header {
                    try writer.write(row.fields + ["line", "reason_codes"])
                    header = false
                } else if let reasons = rejected[row.line] {
                    try writer.write(row.fields + [String(row.line), reasons.joined(separator: " ")])
                }
            }
        } else {
            try writer.write(["line", "reason_codes"])
            for line in rejected.keys.sorted() { try writer.write([String(line), rejected[line, default: []].joined(separator: " ")]) }
        }
        try writer.close()
        FileHandle.standardError.write(Data("\(rejected.count) rejected rows\n".utf8))
    }
}
