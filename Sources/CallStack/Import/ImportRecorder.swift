import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import EventSourcing
import PersonalData
import SwiftProtobuf

/// Records an import's batches: for each row its outcome; for accepted rows the contact it
/// creates (sealed) or the existing one it enrols; and the import's record of the batch, all in
/// one atomic append. Ids derive from the import id and the row's line, so a resumed import
/// appends nothing twice.
///
/// An actor, so that an import records one batch while it judges the next.
actor ImportRecorder {
    let engine: Engine
    let importID: String
    let campaignID: String
    let member: String
    let time: BusinessTime
    let rules: ImportRules
    let policy: Callstack_V1_DuplicatePolicy
    let defaultCallStatus: String
    /// The import stream's version.
    var version: UInt64
    /// Existing contacts this import has enrolled: a contact is enrolled once, however many rows match it.
    var enrolledExisting: Set<String>
    /// The keyed hashes of the last batch recorded, written with the next batch's keys.
    private var unremembered: [(kind: LookupKind, normalized: String, subject: DataSubject)] = []

    init(
        engine: Engine, importID: String, campaignID: String, member: String, time: BusinessTime, rules: ImportRules,
        policy: Callstack_V1_DuplicatePolicy, defaultCallStatus: String, version: UInt64, enrolledExisting: Set<String>
    ) {
        self.engine = engine
        self.importID = importID
        self.campaignID = campaignID
        self.member = member
        self.time = time
        self.rules = rules
        self.policy = policy
        self.defaultCallStatus = defaultCallStatus
        self.version = version
        self.enrolledExisting = enrolledExisting
        occurred = CommandActor(memberID: member, role: nil, atMicros: time.micros).occurrence
        recording = ContactRecording(keys: engine.keys, occurred: occurred, personalFields: rules.personalFieldKeys)
    }

    private var stream: String { "import-" + importID }

    /// Who imports and when, as every event of the import records it.
    private let occurred: Callstack_V1_Occurrence
    /// Seals updated contacts' fields; knows which custom fields are personal.
    private let recording: ContactRecording
    /// Custom fields the workspace defines as personal: sealed.
    private var personalFields: Set<String> { recording.personalFields }

    private func id(_ name: String, _ index: Int = 0) -> EventID {
        CommandEventID.make(command: "import/\(importID)/\(name)", index: index)
    }

    func start(fileName: String, bytes: UInt64, digest: String, headers: [String], fields: [String], rules: String) async throws {
        var started = Callstack_V1_ImportStarted()
        started.occurred = occurred
        started.importID = importID
        started.campaignID = campaignID
        started.fileName = fileName
        started.fileBytes = bytes
        started.fileSha256 = digest
        started.headers = headers
        started.fields = fields
        started.defaultCallStatus = defaultCallStatus
        started.duplicatePolicy = policy
        started.rulesSha256 = rules
        try await append([], record: ("ImportStarted", started, id("started")))
    }

    /// Records `verdicts` (one batch); returns the outcomes recorded. A contact the batch updates
    /// or enrols that changed meanwhile (a note, a call, an edit) makes the batch be decided again,
    /// up to three times.
    func record(_ verdicts: [RowVerdict]) async throws -> [Callstack_V1_ImportRowOutcome] {
        let before = enrolledExisting
        var attempt = 1
        while true {
            do {
                return try await recordOnce(verdicts)
            } catch let error as EventLogError where error.code == .wrongExpectedVersion && attempt < 3 {
                enrolledExisting = before
                attempt += 1
            }
        }
    }

    private func recordOnce(_ verdicts: [RowVerdict]) async throws -> [Callstack_V1_ImportRowOutcome] {
        var outcomes: [Callstack_V1_ImportRowOutcome] = []
        var batches: [AppendBatch] = []
        // One key-store commit for the batch's new contacts, not one each.
        let creating = verdicts.filter { $0.isAccepted && ($0.existingContacts.isEmpty || policy == .create) }
        // One key-store commit: this batch's keys, and the last batch's keyed hashes.
        try engine.keys.prepareKeys(
            for: creating.compactMap { try? DataSubject(.contact, "\(importID).\($0.check.line)") }, remembering: unremembered)
        unremembered = []
        var remembered: [(kind: LookupKind, normalized: String, subject: DataSubject)] = []
        for verdict in verdicts {
            var outcome = Callstack_V1_ImportRowOutcome()
            outcome.line = UInt32(clamping: verdict.check.line)
            outcome.warnings = verdict.check.warnings.map(\.code)
            // A number shared by thousands (a switchboard) must not outgrow the event: the first ten.
            outcome.duplicates = Array(verdict.existingContacts.prefix(10))
            defer { outcomes.append(outcome) }
            guard let draft = verdict.check.draft, verdict.isAccepted else {
                outcome.action = .rejected
                outcome.reasons = Array(Set(verdict.problems.map(\.code))).sorted()
                continue
            }
            let line = verdict.check.line
            if let existing = verdict.existingContacts.first, policy != .create {
                outcome.contactID = existing
                if policy == .update {
                    let update = try update(existing, from: draft, line: line)
                    outcome.action = update.action
                    if let batch = update.batch { batches.append(batch) }
                    remembered += update.lookups
                    continue
                }
                guard policy == .enrol, !enrolledExisting.contains(existing), try !isEnrolled(existing) else {
                    outcome.action = .skippedDuplicate
                    continue
                }
                enrolledExisting.insert(existing)
                outcome.action = .enrolledExisting
                batches.append(AppendBatch(stream: Engine.contactStream(existing), expected: .any, events: [try enrolment(existing, line: line)]))
                continue
            }
            let contactID = "\(importID).\(line)"
            outcome.contactID = contactID
            outcome.action = verdict.existingContacts.isEmpty ? .created : .createdDuplicate
            let subject = try DataSubject(.contact, contactID)
            let createdID = id("row-\(line)", 0)
            let created = try engine.keys.sealContact(
                ContactCard(draft, contactID: contactID, personalFields: personalFields), eventID: createdID, occurred: occurred)
            remembered += draft.lookups(for: subject)
            batches.append(AppendBatch(stream: Engine.contactStream(contactID), expected: .noStream, events: [
                ProposedEvent(id: createdID, type: "ContactCreated", actor: member, payload: try created.serializedBytes()),
                try enrolment(contactID, line: line),
            ]))
        }
        var recorded = Callstack_V1_ImportRowsRecorded()
        recorded.occurred = occurred
        recorded.importID = importID
        recorded.rows = outcomes
        try await append(batches, record: ("ImportRowsRecorded", recorded, id("rows-\(outcomes.first?.line ?? 0)")))
        // After the append, with the next batch's keys (or at the commit): a hash never points at
        // a contact that was not created. A crash in between is mended by the resume, which
        // remembers the recorded rows' hashes again.
        unremembered = remembered
        return outcomes
    }

    /// Policy UPDATE: the existing contact's fields updated from the row (``ContactEditor/update(_:from:)``)
    /// and the contact enrolled unless it already is, with the keyed hashes of the phones and emails
    /// the row adds. The row is `updatedExisting` when a field changed, `enrolledExisting` when only
    /// the enrolment was missing, and a skipped duplicate when there is nothing to do, or when the
    /// contact was updated by this import already or cannot be (archived, forgotten, or without a
    /// key in this store).
    private func update(
        _ contactID: String, from row: ContactDraft, line: Int
    ) throws -> (action: Callstack_V1_ImportRowAction, batch: AppendBatch?, lookups: [(kind: LookupKind, normalized: String, subject: DataSubject)]) {
        let subject = try DataSubject(.contact, contactID)
        guard !enrolledExisting.contains(contactID), try engine.keys.hasKey(for: subject) else { return (.skippedDuplicate, nil, []) }
        let history = try StreamHistory(of: Engine.contactStream(contactID), in: engine.log, registry: engine.registry)
        let state = ContactState.fold(history.events.map(ContactEvent.init))
        guard state.exists, !state.forgotten, !state.archived else { return (.skippedDuplicate, nil, []) }
        enrolledExisting.insert(contactID)
        let current = ContactDraft(try engine.keys.openContact(state.card))
        let update = ContactEditor(rules: rules).update(current, from: row)
        var events: [ProposedEvent] = []
        if !update.changed.isEmpty {
            let editID = id("row-\(line)", 0)
            let edited = try recording.edited(contactID, update.draft, update.changed, id: editID, importID: importID)
            events.append(ProposedEvent(id: editID, type: "ContactEdited", actor: member, payload: try edited.serializedBytes()))
        }
        if state.enrolments[campaignID] == nil { events.append(try enrolment(contactID, line: line)) }
        guard !events.isEmpty else { return (.skippedDuplicate, nil, []) }
        let added = update.draft.lookups(for: subject, after: current)
        return (
            update.changed.isEmpty ? .enrolledExisting : .updatedExisting,
            AppendBatch(stream: Engine.contactStream(contactID), expected: .exact(history.version), events: events), added
        )
    }

    /// True when the contact is enrolled in the campaign now (enrolled, and not unenrolled since).
    private func isEnrolled(_ contactID: String) throws -> Bool {
        try engine.contactState(contactID).enrolments[campaignID] != nil
    }

    /// The keyed hashes of rows an earlier, interrupted run created (idempotent).
    func rememberAgain(_ drafts: [(line: Int, draft: ContactDraft)]) throws {
        var entries: [(kind: LookupKind, normalized: String, subject: DataSubject)] = []
        for (line, draft) in drafts {
            let subject = try DataSubject(.contact, "\(importID).\(line)")
            entries += draft.lookups(for: subject)
        }
        try engine.keys.remember(entries)
    }

    func commit(_ result: ImportCommitResult) async throws {
        try engine.keys.remember(unremembered)
        unremembered = []
        var committed = Callstack_V1_ImportCommitted()
        committed.occurred = occurred
        committed.importID = importID
        committed.rows = UInt64(result.rows)
        committed.created = UInt64(result.created)
        committed.enrolledExisting = UInt64(result.enrolledExisting)
        committed.updatedExisting = UInt64(result.updatedExisting)
        committed.skippedDuplicates = UInt64(result.skippedDuplicates)
        committed.rejected = UInt64(result.rejected)
        try await append([], record: ("ImportCommitted", committed, id("committed")))
    }

    /// Appends `batches` and the import's own event, atomically.
    private func append(_ batches: [AppendBatch], record: (String, any SwiftProtobuf.Message, EventID)) async throws {
        let own = AppendBatch(
            stream: stream, expected: version == 0 ? .noStream : .exact(version),
            events: [ProposedEvent(id: record.2, type: record.0, actor: member, payload: try record.1.serializedBytes())])
        _ = try await engine.log.append(batches + [own], at: engine.stamp(time.micros))
        version += 1
    }

    private func enrolment(_ contactID: String, line: Int) throws -> ProposedEvent {
        var enrolled = Callstack_V1_ContactEnrolled()
        enrolled.occurred = occurred
        enrolled.contactID = contactID
        enrolled.campaignID = campaignID
        enrolled.callStatus = defaultCallStatus
        enrolled.importID = importID
        return ProposedEvent(id: id("row-\(line)", 1), type: "ContactEnrolled", actor: member, payload: try enrolled.serializedBytes())
    }
}
