import ContactImport

/// The rejected-row CSV of `import preview` and `import commit`: the file's header and cells,
/// then the line, the reason codes and the message (cells neutralized against formula injection).
struct RejectedRowsFile {
    private var writer: CSVWriter
    /// The header's cell count: rows are padded or cut to it, so line and reasons stay in their columns.
    private var width: Int?

    init(path: String) throws {
        writer = try CSVWriter(path: path)
    }

    /// The header arrives first, with no problems.
    mutating func write(_ record: CSVRecord, _ problems: [RowProblem]) throws {
        let extra = problems.isEmpty
            ? ["line", "reason_codes", "message"]
            : [String(record.line), problems.map(\.code).joined(separator: " "), problems.map(\.description).joined(separator: "; ")]
        let width = self.width ?? record.fields.count
        self.width = width
        let cells = Array(record.fields.prefix(width)) + Array(repeating: "", count: max(0, width - record.fields.count))
        try writer.write(cells + extra)
    }

    mutating func close() throws {
        try writer.close()
    }
}
