import ContactImport

/// The rejected-row CSV of `import preview` and `import commit`: the file's header and cells,
/// then the line, the reason codes and the message (cells neutralized against formula injection).
struct RejectedRowsFile {
    private var writer: CSVWriter

    init(path: String) throws {
        writer = try CSVWriter(path: path)
    }

    /// The header arrives first, with no problems.
    mutating func write(_ record: CSVRecord, _ problems: [RowProblem]) throws {
        let extra = problems.isEmpty
            ? ["line", "reason_codes", "message"]
            : [String(record.line), problems.map(\.code).joined(separator: " "), problems.map(\.description).joined(separator: "; ")]
        try writer.write(record.fields + extra)
    }

    mutating func close() throws {
        try writer.close()
    }
}
