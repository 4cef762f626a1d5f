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

    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The campaign the contacts are for.")
    var campaign: String

    @Option(name: .customLong("as"), help: "The member who imports (a Team Admin or Campaign Manager).")
    var member: String

    @Option(help: "The business time of the check (RFC 3339); now when left out. Suppression expiry depends on it.")
    var at: String?

    @Option(help: "The field of each column, comma-separated, in column order (see above).")
    var mapping: String?

    @Option(help: "How many rows' verdicts to print.")
    var rows = 10

    @Option(help: "Write the rejected rows here as CSV: the file's cells, then line, reason codes and message (cells neutralized against formula injection).")
    var rejected: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
        let fields = try mapping.map(Self.fields)
        let time = try at.map { text -> BusinessTime in
            guard let date = RFC3339.parse(text), let micros = date.unixMicroseconds else { throw ValidationError("--at must be an RFC 3339 time") }
            return BusinessTime(micros: micros)
        } ?? BusinessTime(Date())
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let bar = ProgressBar(label: "preview", unit: "bytes")
        let preview: ImportPreview
        var writer = try rejected.map(RejectedRowsFile.init)
        do {
            preview = try engine.previewImport(
                file: file, campaign: campaign, as: member, at: time, mapping: fields, sampleRows: rows,
                progress: { read in bar.update(UInt64(read), of: UInt64(max(size, 1))) },
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

    static func fields(_ text: String) throws -> [ContactField] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let field = ContactField(name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--mapping: \(name) is not a field (name, first_name, last_name, phone, email, company, title, source, time_zone, notes, custom.KEY, ignored)")
            }
            return field
        }
    }
}
