/// What goes wrong in an export or a restore.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line of the export file is not a valid event line.
    case malformedLine(Int, String)
    /// The export does not continue the store, or its chain does not check out.
    case inconsistent(String)
    /// The restore target is not an empty store folder, or a file cannot be read or written.
    case io(String)

    public var description: String {
        switch self {
        case .malformedLine(let line, let why): "line \(line): \(why)"
        case .inconsistent(let why): "the export does not restore: \(why)"
        case .io(let why): why
        }
    }
}
