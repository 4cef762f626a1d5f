import Foundation

/// Writes CSV a record at a time (RFC 4180: comma, CRLF, quotes doubled), neutralizing formula
/// injection: a cell that starts with `=`, `+`, `-`, `@`, a tab, CR or LF gets a leading `'`, so a
/// spreadsheet shows it as text instead of running it (OWASP's advice).
public struct CSVWriter {
    private let handle: FileHandle
    private var pending = ""

    /// Creates (or truncates) the file at `path`.
    public init(path: String) throws(CSVError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .unreadable("cannot create \(path)")
        }
        self.handle = handle
    }

    /// One record as a CSV line, with its CRLF.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            var cell = field
            if let first = cell.unicodeScalars.first, "=+-@\t\r\n".unicodeScalars.contains(first) { cell = "'" + cell }
            guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return cell }
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",") + "\r\n"
    }

    public mutating func write(_ fields: [String]) throws(CSVError) {
        pending += Self.line(fields)
        if pending.utf8.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered and closes the file.
    public mutating func close() throws(CSVError) {
        try flush()
        try? handle.close()
    }

    private mutating func flush() throws(CSVError) {
        guard !pending.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(pending.utf8))
        } catch {
            throw .unreadable("cannot write: \(error)")
        }
        pending = ""
    }
}
