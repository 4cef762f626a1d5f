/// Reads a whole file and says what importing it would do, writing nothing: the mapping (given,
/// remembered or suggested), each row's verdict, and the counts a manager fixes the file by.
public struct ImportPreviewer: Sendable {
    public let rules: ImportRules
    /// The workspace's custom fields as (key, label), for mapping suggestions.
    public let customFields: [(key: String, label: String)]
    /// Mappings saved before, by header signature.
    public let remembered: [String: [ContactField]]
    /// The ids of workspace contacts with this `phone` (E.164) or `email` (lowercased): "phone" or "email", then the value.
    public let existingContacts: @Sendable (_ kind: String, _ value: String) throws -> [String]
    /// The suppression entry (described) that a phone (E.164) or an email hits; nil when none does.
    public let suppression: @Sendable (_ phone: String?, _ email: String?) -> String?

    public init(
        rules: ImportRules, customFields: [(key: String, label: String)], remembered: [String: [ContactField]],
        existingContacts: @escaping @Sendable (String, String) throws -> [String], suppression: @escaping @Sendable (String?, String?) -> String?
    ) {
        self.rules = rules
        self.customFields = customFields
        self.remembered = remembered
        self.existingContacts = existingContacts
        self.suppression = suppression
    }

    /// Previews the file `reader` reads (its first row is the header), with `mapping` when given.
    /// `progress` gets the bytes read so far whenever that moves (a block at a time); `rejected` gets each rejected row as
    /// the file had it, with its problems (for a rejected-row file), and the header first, with
    /// no problems.
    public func preview(
        _ reader: CSVReader, mapping: [ContactField]? = nil, sampleRows: Int = 20, progress: ((Int) -> Void)? = nil,
        rejected: ((CSVRecord, [RowProblem]) throws -> Void)? = nil
    ) throws -> ImportPreview {
        let judge = try judging(reader, mapping: mapping)
        var tally = Tally(columns: judge.header.fields.count)
        var firstRows: [RowVerdict] = []
        try rejected?(judge.header, [])
        var reported = -1
        while let (record, verdict) = try judge.next() {
            tally.count(verdict, record: record, headers: judge.header.fields)
            if !verdict.isAccepted { try rejected?(record, verdict.problems) }
            if firstRows.count < sampleRows { firstRows.append(verdict) }
            // The count moves a block at a time: report it when it does.
            if reader.bytesRead != reported {
                reported = reader.bytesRead
                progress?(reported)
            }
        }
        let fields = judge.fields
        let columns = judge.suggestions.enumerated().map { index, suggestion in
            ImportPreview.Column(
                index: index, header: suggestion.header, field: index < fields.count ? fields[index] : .ignored,
                reason: mapping == nil ? suggestion.reason : .remembered, samples: tally.samples[index], problems: tally.columnProblems[index])
        }
        return ImportPreview(
            headers: judge.header.fields, delimiter: reader.delimiter, encoding: reader.encoding, columns: columns, firstRows: firstRows,
            counts: tally.counts)
    }

    /// A judge of the rows of the file `reader` reads, one at a time, after its header: with
    /// `mapping`, or the suggested one.
    public func judging(_ reader: CSVReader, mapping: [ContactField]? = nil) throws -> RowJudge {
        guard let header = try reader.next() else { throw CSVError.unreadable("the file is empty: no header row") }
        let suggestions = MappingSuggester().suggest(headers: header.fields, customFields: customFields, remembered: remembered)
        let fields = mapping ?? suggestions.map(\.field)
        return RowJudge(
            reader: reader, header: header, suggestions: suggestions, fields: fields,
            validator: RowValidator(rules: rules, headers: header.fields, mapping: fields), previewer: self)
    }

    /// Duplicates in the file and the workspace, and suppression, for a row that passed its own checks.
    func judge(_ check: RowCheck, _ seen: inout [DuplicateKey: Int]) throws -> RowVerdict {
        guard let draft = check.draft else { return RowVerdict(check: check, duplicateOfLine: nil, existingContacts: [], suppressedBy: nil) }
        let keys = draft.phones.map(DuplicateKey.init(phone:)) + draft.emails.map(DuplicateKey.init(email:))
        let earlier = keys.compactMap { seen[$0] }.min()
        if earlier == nil { for key in keys { seen[key] = check.line } }
        var existing = Set<String>()
        for phone in draft.phones { existing.formUnion(try existingContacts("phone", phone.e164)) }
        for email in draft.emails { existing.formUnion(try existingContacts("email", email.comparisonKey)) }
        let suppressed = draft.phones.lazy.compactMap { suppression($0.e164, nil) }.first
            ?? draft.emails.lazy.compactMap { suppression(nil, $0.address) }.first
        return RowVerdict(check: check, duplicateOfLine: earlier, existingContacts: existing.sorted(), suppressedBy: suppressed)
    }

    /// The running counts of a preview.
    private struct Tally {
        var counts = ImportPreview.Counts()
        var samples: [[String]]
        var columnProblems: [[String: Int]]

        init(columns: Int) {
            samples = Array(repeating: [], count: columns)
            columnProblems = Array(repeating: [:], count: columns)
        }

        mutating func count(_ verdict: RowVerdict, record: CSVRecord, headers: [String]) {
            counts.rows += 1
            for (index, value) in record.fields.prefix(headers.count).enumerated() where !value.isEmpty && samples[index].count < 5 {
                samples[index].append(value)
            }
            let problems = verdict.problems
            if problems.isEmpty {
                counts.accepted += 1
                if !verdict.existingContacts.isEmpty { counts.duplicatesInWorkspace += 1 }
            } else {
                counts.rejected += 1
                for code in Set(problems.map(\.code)) { counts.rejectedByReason[code, default: 0] += 1 }
                if verdict.duplicateOfLine != nil { counts.duplicatesInFile += 1 }
                if verdict.suppressedBy != nil { counts.suppressed += 1 }
            }
            for code in Set(verdict.check.warnings.map(\.code)) { counts.warnings[code, default: 0] += 1 }
            for problem in verdict.check.problems + verdict.check.warnings {
                guard let column = problem.column, let index = headers.firstIndex(of: column) else { continue }
                columnProblems[index][problem.code, default: 0] += 1
            }
        }
    }
}
