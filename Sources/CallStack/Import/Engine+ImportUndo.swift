public import CallStackDomain
import CallStackEvents
import EventLog
import EventSourcing
import PersonalData
import SwiftProtobuf

/// What ``Engine/undoImport(_:as:at:)`` did.
public struct ImportUndoResult: Sendable, Equatable {
    /// A row that could not be undone, and why.
    public struct NotUndone: Sendable, Equatable {
        public let line: Int
        public let contactID: String
        public let reason: String
    }

    public let importID: String
    /// Enrolments removed (of created and of existing contacts).
    public var unenrolled = 0
    /// Contacts the import created, archived.
    public var archived = 0
    /// Existing contacts an UPDATE import changed, their fields put back as they were.
    public var restored = 0
    /// The rows that could not be undone, in line order; after an earlier undo (``alreadyUndone``),
    /// the first ``ImportUndoResult/listedLimit`` of them, as its record keeps them.
    public var notUndone: [NotUndone] = []
    /// How many rows could not be undone in all.
    public var notUndoneTotal = 0
    /// The most rows `ImportUndone` lists, so that the event stays small whatever the import's size.
    public static let listedLimit = 1_000
    /// True when the import had been undone before: nothing was done.
    public var alreadyUndone = false
}

extension Engine {
    /// Undoes import `importID` with compensating events: the enrolments it made are removed
    /// (`ContactUnenrolled`) and the contacts it created archived (`ContactArchived`, their keyed
    /// hashes dropped so they no longer count as duplicates), where nobody has worked them since
    /// (no event after the import's enrolment). The result names every row that could not be undone
    /// and why; `ImportUndone` records it. Event ids derive from the import id and the line, so an
    /// interrupted undo run again appends nothing twice; an undone import is not resumed.
    public func undoImport(_ importID: String, as member: String, at time: BusinessTime) async throws -> ImportUndoResult {
        try reader.queries(as: member).allow(.importContacts)
        let stream = "import-" + importID
        let history = try StreamHistory(of: stream, in: log, registry: registry)
        guard let started = history.events.lazy.compactMap({ $0.message as? Callstack_V1_ImportStarted }).first else {
            throw DomainRejection.notFound("import \(importID)")
        }
        var result = ImportUndoResult(importID: importID)
        if let undone = history.events.lazy.compactMap({ $0.message as? Callstack_V1_ImportUndone }).first {
            result.unenrolled = Int(clamping: undone.unenrolled)
            result.archived = Int(clamping: undone.archived)
            result.restored = Int(clamping: undone.restored)
            result.notUndone = undone.notUndone.map { .init(line: Int($0.line), contactID: $0.contactID, reason: $0.reason) }
            result.notUndoneTotal = max(Int(clamping: undone.notUndoneTotal), result.notUndone.count)
            result.alreadyUndone = true
            return result
        }
        let occurred = CommandActor(memberID: member, role: nil, atMicros: time.micros).occurrence
        let rows = history.events.compactMap { $0.message as? Callstack_V1_ImportRowsRecorded }.flatMap(\.rows)
        var batches: [AppendBatch] = []
        var archived: [DataSubject] = []
        var restored: [String] = []
        for row in rows where [.created, .createdDuplicate, .enrolledExisting, .updatedExisting].contains(row.action) {
            let compensation = try compensate(row, importID: importID, campaignID: started.campaignID, member: member, occurred: occurred)
            switch compensation {
            case .cannot(let reason): result.notUndone.append(.init(line: Int(row.line), contactID: row.contactID, reason: reason))
            case .undo(let batch, let unenrols, let archives, let restores):
                if unenrols { result.unenrolled += 1 }
                if restores {
                    result.restored += 1
                    restored.append(row.contactID)
                }
                if archives {
                    result.archived += 1
                    archived.append(try DataSubject(.contact, row.contactID))
                }
                if let batch { batches.append(batch) }
            }
            if batches.count >= 500 {
                _ = try await log.append(batches, at: stamp(time.micros))
                batches.removeAll()
            }
        }
        if !batches.isEmpty { _ = try await log.append(batches, at: stamp(time.micros)) }
        try keys.dropLookups(of: archived)
        for contactID in restored { try reconcileLookups(of: contactID) }
        var undone = Callstack_V1_ImportUndone()
        undone.occurred = occurred
        undone.importID = importID
        undone.unenrolled = UInt64(result.unenrolled)
        undone.archived = UInt64(result.archived)
        undone.restored = UInt64(result.restored)
        result.notUndoneTotal = result.notUndone.count
        undone.notUndoneTotal = UInt64(result.notUndoneTotal)
        undone.notUndone = result.notUndone.prefix(ImportUndoResult.listedLimit).map { row in
            var entry = Callstack_V1_ImportRowNotUndone()
            entry.line = UInt32(clamping: row.line)
            entry.contactID = row.contactID
            entry.reason = row.reason
            return entry
        }
        _ = try await log.append(AppendBatch(stream: stream, expected: .exact(history.version), events: [
            ProposedEvent(
                id: CommandEventID.make(command: "import/\(importID)/undone", index: 0), type: "ImportUndone", actor: member,
                payload: try undone.serializedBytes()),
        ]), at: stamp(time.micros))
        return result
    }

    /// What undoing one row takes.
    private enum Compensation {
        /// These events (nil when an interrupted undo appended them already): whether they remove
        /// an enrolment, archive a contact the import created, put back fields it updated.
        case undo(AppendBatch?, unenrols: Bool, archives: Bool, restores: Bool)
        case cannot(String)
    }

    /// The edit that puts back what `edited` changed, as `before` (the contact's events up to it)
    /// had it: the contact's state folded as every decider folds it.
    private func restoring(_ before: ArraySlice<RecordedEvent>, edited: RecordedEvent) throws -> Callstack_V1_ContactEdited {
        let card = ContactState.fold(try before.map { ContactEvent(try DecodedEvent($0, registry: registry)) }).card
        return ContactGroup.edit(setting: try Callstack_V1_ContactEdited(serializedBytes: edited.payload).changed, from: card)
    }

    /// The compensating events for one row (nil when an earlier, interrupted undo already appended
    /// them), and whether they archive the contact; or why the row cannot be undone.
    private func compensate(
        _ row: Callstack_V1_ImportRowOutcome, importID: String, campaignID: String, member: String, occurred: Callstack_V1_Occurrence
    ) throws -> Compensation {
        let contactStream = Self.contactStream(row.contactID)
        let events = try log.read(stream: contactStream)
        // The import's own events on this contact, by the ids the import gave them.
        let editID = CommandEventID.make(command: "import/\(importID)/row-\(row.line)", index: 0)
        let enrolmentID = CommandEventID.make(command: "import/\(importID)/row-\(row.line)", index: 1)
        let enrolment = events.firstIndex { $0.id == enrolmentID }
        let edit = row.action == .updatedExisting ? events.firstIndex { $0.id == editID } : nil
        guard let last = [enrolment, edit].compactMap({ $0 }).max(), row.action == .updatedExisting || enrolment != nil else {
            return .cannot("the import's enrolment is not on the contact's stream")
        }
        let undoIDs = [0, 1, 2].map { CommandEventID.make(command: "import/\(importID)/undo-\(row.line)", index: $0) }
        // A receipt of a command that changed nothing is not work on the contact.
        let later = events[(last + 1)...].filter { !undoIDs.contains($0.id) && $0.type != "CommandAcknowledged" }
        if let worked = later.first { return .cannot("worked since: \(worked.type) by \(worked.actor)") }
        let archives = row.action == .created || row.action == .createdDuplicate
        let alreadyDone = events.contains { undoIDs.contains($0.id) }
        guard !alreadyDone else { return .undo(nil, unenrols: enrolment != nil, archives: archives, restores: edit != nil) }
        var proposed: [ProposedEvent] = []
        let reason = "import \(importID) undone"
        if enrolment != nil {
            var unenrolled = Callstack_V1_ContactUnenrolled()
            unenrolled.occurred = occurred
            unenrolled.contactID = row.contactID
            unenrolled.campaignID = campaignID
            unenrolled.reason = reason
            proposed.append(ProposedEvent(id: undoIDs[0], type: "ContactUnenrolled", actor: member, payload: try unenrolled.serializedBytes()))
        }
        if archives {
            var archived = Callstack_V1_ContactArchived()
            archived.occurred = occurred
            archived.contactID = row.contactID
            archived.reason = reason
            proposed.append(ProposedEvent(id: undoIDs[1], type: "ContactArchived", actor: member, payload: try archived.serializedBytes()))
        }
        if let edit {
            var restore = try restoring(events[..<edit], edited: events[edit])
            restore.occurred = occurred
            proposed.append(ProposedEvent(id: undoIDs[2], type: "ContactEdited", actor: member, payload: try restore.serializedBytes()))
        }
        return .undo(
            AppendBatch(stream: contactStream, expected: .exact(UInt64(events.count)), events: proposed),
            unenrols: enrolment != nil, archives: archives, restores: edit != nil)
    }
}
