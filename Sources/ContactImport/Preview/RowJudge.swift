/// Judges a file's rows one at a time, in order: each row's own checks, then duplicates in the
/// file so far and in the workspace, and suppression. What a preview tallies and a commit records.
public final class RowJudge {
    public let header: CSVRecord
    public let suggestions: [MappingSuggester.Suggestion]
    /// The mapping in use: a field per column.
    public let fields: [ContactField]
    private let reader: CSVReader
    private let validator: RowValidator
    private let previewer: ImportPreviewer
    /// Each phone and email met so far → the first line that had it.
    private var seen: [DuplicateKey: Int] = [:]

    init(
        reader: CSVReader, header: CSVRecord, suggestions: [MappingSuggester.Suggestion], fields: [ContactField], validator: RowValidator,
        previewer: ImportPreviewer
    ) {
        self.reader = reader
        self.header = header
        self.suggestions = suggestions
        self.fields = fields
        self.validator = validator
        self.previewer = previewer
    }

    /// The next row and its verdict; nil at the end of the file.
    public func next() throws -> (CSVRecord, RowVerdict)? {
        guard let record = try reader.next() else { return nil }
        return (record, try previewer.judge(validator.check(record), &seen))
    }
}
