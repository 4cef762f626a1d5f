import ArgumentParser
import CallStack
import CallStackDomain
import ContactImport
import EventLog
import Foundation

struct ImportCommitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commit",
        abstract: "Import a CSV file into a campaign: create and enrol the accepted rows, in atomic batches.",
        discussion: """
            Judges every row as `import preview` does, then records each batch of rows atomically: the \
            contacts it creates (personal fields sealed), their enrolments with the default call status, and \
            the import's record of every row's outcome. Workspace duplicates follow the import defaults' \
            duplicate policy (SKIP, ENROL or CREATE). Running the same --id again resumes an interrupted \
            import for the same file, creating nothing twice; a committed import is not run again.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The campaign the contacts are enrolled in.")
    var campaign: String

    @Option(name: .customLong("as"), help: "The member who imports (a Team Admin or Campaign Manager).")
    var member: String

    @Option(help: "The import's id (letters, digits, - and _): run it again to resume.")
    var id: String

    @Option(help: "The business time (RFC 3339); now when left out.")
    var at: String?

    @Option(help: "The field of each column, comma-separated (see `import preview --help`).")
    var mapping: String?

    @Option(help: "Write the rejected rows here as CSV, with line, reason codes and message.")
    var rejected: String?

    @Option(help: "Rows per atomic batch.")
    var batch = 500

    func run() async throws {
        let fields = try mapping.map(ImportPreviewCommand.fields)
        let time = try at.map { text -> BusinessTime in
            guard let date = RFC3339.parse(text), let micros = date.unixMicroseconds else { throw ValidationError("--at must be an RFC 3339 time") }
            return BusinessTime(micros: micros)
        } ?? BusinessTime(Date())
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let bar = ProgressBar(label: "import", unit: "bytes")
        var writer = try rejected.map(RejectedRowsFile.init)
        let result: ImportCommitResult
        do {
            result = try await engine.commitImport(
                file: file, importID: id, campaign: campaign, as: member, at: time, mapping: fields, batchRows: batch,
                progress: { read in bar.update(UInt64(read), of: UInt64(max(size, 1))) },
                rejected: { record, problems in try writer?.write(record, problems) })
            try writer?.close()
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        } catch let error as CSVError {
            throw ValidationError(error.description)
        }
        bar.finish()
        if result.alreadyCommitted { print("import \(result.importID) was committed before; nothing done") }
        if let line = result.resumedAfterLine { print("resumed after line \(line)") }
        print("rows \(result.rows): created \(result.created), enrolled existing \(result.enrolledExisting), skipped duplicates \(result.skippedDuplicates), rejected \(result.rejected)")
    }
}
