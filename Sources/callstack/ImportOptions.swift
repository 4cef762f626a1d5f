import ArgumentParser
import CallStack
import CallStackDomain
import ContactImport
import EventLog
import Foundation

/// The options `import preview` and `import commit` share: the file, the campaign, who imports
/// and when, the mapping, and where rejected rows go.
struct ImportOptions: ParsableArguments {
    @Argument(help: "The CSV file.")
    var file: String

    @Option(help: "The campaign the contacts are for.")
    var campaign: String

    @Option(name: .customLong("as"), help: "The member who imports (a Team Admin or Campaign Manager).")
    var member: String

    @Option(help: "The business time (RFC 3339); now when left out. Suppression expiry depends on it.")
    var at: String?

    @Option(help: """
        The field of each column, comma-separated, in column order: name, first_name, last_name, phone, email, company, \
        title, source, time_zone, notes, custom.KEY, ignored.
        """)
    var mapping: String?

    @Option(help: "Write the rejected rows here as CSV: the file's cells, then line, reason codes and message (cells neutralized against formula injection).")
    var rejected: String?

    /// The mapping given, if any.
    func fields() throws -> [ContactField]? {
        try mapping.map { text in
            try text.split(separator: ",", omittingEmptySubsequences: false).map { name in
                guard let field = ContactField(name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--mapping: \(name) is not a field (see --help)")
                }
                return field
            }
        }
    }

    /// The business time given, or now.
    func time() throws -> BusinessTime {
        try at.map { try RFC3339.businessTime($0, option: "--at") } ?? BusinessTime(Date())
    }

    /// The file's size, for the progress bar.
    var fileBytes: UInt64 {
        UInt64(max((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 1, 1))
    }
}
