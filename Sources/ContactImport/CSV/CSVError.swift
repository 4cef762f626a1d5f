/// Why a CSV file cannot be read. Every case says where: the line the problem starts on (1-based,
/// counting the line ends inside quoted fields too).
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadable(String)
    /// Bytes that are not text in the file's encoding.
    case invalidEncoding(line: Int, detail: String)
    /// A field longer than the limit (``CSVOptions/maxFieldBytes``), such as a binary file read as text.
    case fieldTooLong(line: Int, limit: Int)
    /// A record with more fields than the limit (``CSVOptions/maxFieldsPerRecord``).
    case tooManyFields(line: Int, limit: Int)
    /// A quoted field still open at the end of the file.
    case unterminatedQuote(line: Int)

    public var description: String {
        switch self {
        case .unreadable(let why): "cannot read the file: \(why)"
        case .invalidEncoding(let line, let detail): "line \(line): \(detail)"
        case .fieldTooLong(let line, let limit): "line \(line): a field is longer than \(limit) bytes"
        case .tooManyFields(let line, let limit): "line \(line): a row has more than \(limit) fields"
        case .unterminatedQuote(let line): "line \(line): a quoted field is never closed"
        }
    }
}
