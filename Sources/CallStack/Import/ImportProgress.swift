import CallStackEvents
import EventSourcing

/// An import's own stream (`import-<id>`) folded: how it started, how far its rows are recorded,
/// what it did so far, and whether it is committed.
struct ImportProgress {
    var started: Callstack_V1_ImportStarted?
    var lastLine = 0
    var result: ImportCommitResult
    var committed = false
    var undone = false
    /// Existing contacts the import has enrolled so far.
    var enrolledExisting = Set<String>()
    /// Lines whose rows created a contact.
    var createdLines = Set<Int>()
    /// Existing contacts whose fields the import updated (policy UPDATE).
    var updatedContacts = Set<String>()
    var version: UInt64 = 0

    init(_ history: StreamHistory, importID: String) {
        result = ImportCommitResult(importID: importID)
        version = history.version
        for event in history.events {
            switch event.message {
            case let started as Callstack_V1_ImportStarted: self.started = started
            case let recorded as Callstack_V1_ImportRowsRecorded:
                for row in recorded.rows { count(row) }
            case is Callstack_V1_ImportCommitted: committed = true
            case is Callstack_V1_ImportUndone: undone = true
            default: break
            }
        }
    }

    mutating func count(_ row: Callstack_V1_ImportRowOutcome) {
        lastLine = max(lastLine, Int(row.line))
        result.rows += 1
        switch row.action {
        case .created, .createdDuplicate:
            result.created += 1
            createdLines.insert(Int(row.line))
        case .enrolledExisting:
            result.enrolledExisting += 1
            enrolledExisting.insert(row.contactID)
        case .updatedExisting:
            result.updatedExisting += 1
            enrolledExisting.insert(row.contactID)
            updatedContacts.insert(row.contactID)
        case .skippedDuplicate: result.skippedDuplicates += 1
        default: result.rejected += 1
        }
    }
}
