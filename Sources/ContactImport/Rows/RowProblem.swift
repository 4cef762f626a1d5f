/// Something wrong with a row: a reason code, the column it is in (when it is one), and a message
/// for people.
public struct RowProblem: Sendable, Equatable, CustomStringConvertible {
    public let code: String
    public let column: String?
    public let message: String

    public init(_ code: String, column: String? = nil, _ message: String) {
        self.code = code
        self.column = column
        self.message = message
    }

    public var description: String { (column.map { "\($0): " } ?? "") + message + " [\(code)]" }
}
