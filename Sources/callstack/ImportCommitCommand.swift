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
    @OptionGroup var importOptions: ImportOptions

    @Option(help: "The import's id (letters, digits, - and _): run it again to resume.")
    var id: String

    @Option(help: "Rows per atomic batch.")
    var batch = 1_000

    func run() async throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let bar = ProgressBar(label: "import", unit: "bytes")
        var writer = try importOptions.rejected.map(RejectedRowsFile.init)
        let result: ImportCommitResult
        let total = importOptions.fileBytes
        do {
            result = try await engine.commitImport(
                file: importOptions.file, importID: id, campaign: importOptions.campaign, as: importOptions.member, at: try importOptions.time(),
                mapping: try importOptions.fields(), batchRows: batch,
                progress: { read in bar.update(UInt64(read), of: total) },
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
        print("rows \(result.rows): created \(result.created), enrolled existing \(result.enrolledExisting), updated existing \(result.updatedExisting), skipped duplicates \(result.skippedDuplicates), rejected \(result.rejected)")
    }
}
