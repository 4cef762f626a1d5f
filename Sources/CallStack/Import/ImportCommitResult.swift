/// What ``Engine/commitImport(file:importID:campaign:as:at:mapping:options:batchRows:progress:rejected:)`` did.
public struct ImportCommitResult: Sendable, Equatable {
    public let importID: String
    /// Data rows of the file (the header not counted).
    public var rows = 0
    public var created = 0
    /// Rows whose workspace duplicate was enrolled instead (policy ENROL).
    public var enrolledExisting = 0
    /// Rows whose workspace duplicate was updated from the row and enrolled (policy UPDATE).
    public var updatedExisting = 0
    /// Rows whose workspace duplicate was left alone (policy SKIP).
    public var skippedDuplicates = 0
    public var rejected = 0
    /// The last line an earlier, interrupted run had recorded; nil for a fresh import.
    public var resumedAfterLine: Int?
    /// True when the import had been committed before: nothing was done.
    public var alreadyCommitted = false

    public init(importID: String) {
        self.importID = importID
    }
}
