import ArgumentParser
import CallStack
import CallStackDomain
import ContactImport
import EventLog
import Foundation

struct ImportPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Check a CSV file against a campaign and say what importing it would do; writes nothing.",
        discussion: """
            Reads the whole file (UTF-8, UTF-16 or Windows-1252; the separator is sniffed among , ; tab and |), \
            suggests a field for each column from its header and synonyms (or use --mapping), checks every row \
            (phones strictly against the numbering plans, emails, custom fields, sources, required fields), \
            finds duplicates in the file and among the workspace's contacts, and checks suppression. Prints \
            the columns with samples and problems, the counts (accepted, rejected by reason, warnings, \
            duplicates, suppressed) and the first rows' verdicts. Fields for --mapping: name, first_name, \
            last_name, phone, email, company, title, source, time_zone, notes, custom.KEY, ignored.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var importOptions: ImportOptions

    @Option(help: "How many rows' verdicts to print.")
    var rows = 10

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let bar = ProgressBar(label: "preview", unit: "bytes")
        let preview: ImportPreview
        var writer = try importOptions.rejected.map(RejectedRowsFile.init)
        let total = importOptions.fileBytes
        do {
            preview = try engine.previewImport(
                file: importOptions.file, campaign: importOptions.campaign, as: importOptions.member, at: try importOptions.time(),
                mapping: try importOptions.fields(), sampleRows: rows,
                progress: { read in bar.update(UInt64(read), of: total) },
                rejected: { record, problems in try writer?.write(record, problems) })
            try writer?.close()
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        } catch let error as CSVError {
            throw ValidationError(error.description)
        }
        bar.finish()
        print(json ? try ImportPreviewOutput.json(preview) : ImportPreviewOutput.text(preview))
    }
}
