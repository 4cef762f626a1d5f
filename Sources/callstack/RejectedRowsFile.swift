import ContactImport

/// The rejected-row CSV of `import preview`, `import commit` and `import rejected`: the file's
/// header and cells, then the line, the reason codes and the message (cells neutralized against
/// formula injection).
struct RejectedRowsFile {
    private var writer: CSVWriter
    /// The header's cell count: rows are padded or cut to it, so line and reasons stay in their columns.
    private var width: Int?

    init(path: String) throws {
        writer = try CSVWriter(path: path)
    }

    /// The header arrives first, with no problems.
    mutating func write(_ record: CSVRecord, _ problems: [RowProblem]) throws {
        guard !problems.isEmpty else { return try header(record) }
        try row(record, codes: problems.map(\.code), message: problems.map(\.description).joined(separator: "; "))
    }

    /// The file's header, then the three columns this file adds.
    mutating func header(_ record: CSVRecord) throws {
        width = record.fields.count
        try writer.write(record.fields + ["line", "reason_codes", "message"])
    }

    /// A rejected row: its cells, padded or cut to the header's width, then its line, reason codes
    /// and message.
    mutating func row(_ record: CSVRecord, codes: [String], message: String) throws {
        let width = self.width ?? record.fields.count
        let cells = Array(record.fields.prefix(width)) + Array(repeating: "", count: max(0, width - record.fields.count))
        try writer.write(cells + [String(record.line), codes.joined(separator: " "), message])
    }

    mutating func close() throws {
        try writer.close()
    }
}
