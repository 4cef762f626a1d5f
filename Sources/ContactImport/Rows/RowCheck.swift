/// What validation made of one row: the contact it describes, or the problems that reject it;
/// and warnings, which keep it.
public struct RowCheck: Sendable, Equatable {
    /// The line the row starts on in the file.
    public let line: Int
    /// Nil when the row is rejected.
    public let draft: ContactDraft?
    public let problems: [RowProblem]
    public let warnings: [RowProblem]

    public var isAccepted: Bool { draft != nil }
}
