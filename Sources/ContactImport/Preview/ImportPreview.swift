/// What an import would do, before it does anything: the columns with their suggested fields,
/// sample values and problems, the first rows' verdicts, and the whole file's counts.
public struct ImportPreview: Sendable {
    public struct Column: Sendable, Equatable {
        public let index: Int
        public let header: String
        public let field: ContactField
        public let reason: MappingSuggester.Reason
        /// Up to five non-empty values.
        public let samples: [String]
        /// Reason code → rows with that problem in this column.
        public let problems: [String: Int]
    }

    public struct Counts: Sendable, Equatable {
        public var rows = 0
        public var accepted = 0
        public var rejected = 0
        /// Reason code → rejected rows with that reason (a row may have several).
        public var rejectedByReason: [String: Int] = [:]
        /// Warning code → rows.
        public var warnings: [String: Int] = [:]
        public var duplicatesInFile = 0
        /// Accepted rows whose phone or email a workspace contact already has.
        public var duplicatesInWorkspace = 0
        public var suppressed = 0
    }

    public let headers: [String]
    public let delimiter: UInt8
    public let encoding: CSVTextEncoding
    public let columns: [Column]
    public let firstRows: [RowVerdict]
    public let counts: Counts
}
