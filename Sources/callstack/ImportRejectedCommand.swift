import ArgumentParser
import CallStack
import CallStackDomain
import ContactImport
import EventLog
import Crypto
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
            reason codes; without, the line and reason codes only. The message column stays empty: the \
            history keeps codes, not messages. Cells are neutralized against formula injection.
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
            guard let found = try reader.queries(as: member).importHistory(id) else { throw ValidationError("no import \(id)") }
            record = found
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        let rejected = Dictionary(record.rows.filter { $0.action == "rejected" }.map { (Int($0.line), $0.reasons) }, uniquingKeysWith: { first, _ in first })
        var writer = try RejectedRowsFile(path: output)
        if let file {
            try writeCells(of: file, rejected, expecting: record.fileSHA256, into: &writer)
        } else {
            try writer.header(CSVRecord(line: 0, fields: []))
            for line in rejected.keys.sorted() { try writer.row(CSVRecord(line: line, fields: []), codes: rejected[line, default: []], message: "") }
        }
        try writer.close()
        FileHandle.standardError.write(Data("\(rejected.count) rejected rows\n".utf8))
    }

    /// The rejected rows of `file` with their cells, read once: hashed as they are read, and the
    /// output removed if the file is not the one the import read.
    private func writeCells(of file: String, _ rejected: [Int: [String]], expecting digest: String, into writer: inout RejectedRowsFile) throws {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw ValidationError("cannot open \(file)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        let csv = try CSVReader {
            guard let data = try handle.read(upToCount: CSVOptions().chunkBytes), !data.isEmpty else { return nil }
            hasher.update(data: data)
            return [UInt8](data)
        }
        var header = true
        while let row = try csv.next() {
            if header {
                try writer.header(row)
                header = false
            } else if let reasons = rejected[row.line] {
                try writer.row(row, codes: reasons, message: "")
            }
        }
        guard Hex.lowercase(hasher.finalize()) == digest else {
            try? writer.close()
            try? FileManager.default.removeItem(atPath: output)
            throw ValidationError("\(file) is not the file import \(id) read (its SHA-256 differs)")
        }
    }
}
