/// A row's verdict once the whole file and the workspace are taken into account: its own check,
/// then duplicates (in the file, in the workspace) and suppression.
public struct RowVerdict: Sendable, Equatable {
    public let check: RowCheck
    /// The earlier line of this file with the same phone or email, when there is one: this row is
    /// then rejected (`duplicate_in_file`).
    public let duplicateOfLine: Int?
    /// Contacts of the workspace with the same phone or email; the import's duplicate policy says
    /// what happens to them.
    public let existingContacts: [String]
    /// The suppression entry a phone or email of the row hits (rejected: `suppressed`).
    public let suppressedBy: String?

    /// Every reason the row is rejected for; empty when it is accepted.
    public var problems: [RowProblem] {
        var problems = check.problems
        if let line = duplicateOfLine { problems.append(RowProblem("duplicate_in_file", "the same phone or email as line \(line)")) }
        if let entry = suppressedBy { problems.append(RowProblem("suppressed", "on a suppression list: \(entry)")) }
        return problems
    }

    public var isAccepted: Bool { check.problems.isEmpty && duplicateOfLine == nil && suppressedBy == nil }
}
