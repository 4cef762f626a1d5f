public import CallStackEvents
public import ContactImport
import Foundation

/// Decides the commands that keep a contact up to date: edit its fields, archive and unarchive it,
/// add a note. Pure: the engine opens the contact's sealed fields (``Command/current``) and finds
/// which of its campaigns assign the actor (``Command/assignedCampaigns``) before asking.
///
/// - Edits, archiving and unarchiving take `editContact` (Team Admins, Campaign Managers); notes
///   take `addNote`, which Callers have too, for contacts of the campaigns they are assigned to.
/// - A forgotten contact takes none of them; an archived one takes notes and unarchiving only.
/// - An edit's values pass ``ContactEditor`` (the import's rules); an edit that changes nothing,
///   archiving an archived contact and unarchiving an active one record nothing.
public struct ContactUpkeep: Sendable {
    public enum Request: Sendable, Equatable {
        case edit(Callstack_V1_EditContact)
        case archive(Callstack_V1_ArchiveContact)
        case unarchive(Callstack_V1_UnarchiveContact)
        case addNote(Callstack_V1_AddContactNote)

        public var contactID: String {
            switch self {
            case .edit(let edit): edit.contactID
            case .archive(let archive): archive.contactID
            case .unarchive(let unarchive): unarchive.contactID
            case .addNote(let note): note.contactID
            }
        }
    }

    public struct Command: Sendable {
        public let request: Request
        public let actor: CommandActor
        /// The rules an edit's values are checked by: the workspace's import rules.
        public let rules: ImportRules
        /// The contact's fields in plaintext, as its key opens them (for an edit).
        public let current: ContactDraft
        /// The contact's campaigns whose brief assigns the actor as a caller.
        public let assignedCampaigns: Set<String>

        public init(_ request: Request, by actor: CommandActor, rules: ImportRules, current: ContactDraft = ContactDraft(), assignedCampaigns: Set<String> = []) {
            self.request = request
            self.actor = actor
            self.rules = rules
            self.current = current
            self.assignedCampaigns = assignedCampaigns
        }
    }

    /// The most values one edit may carry, and the longest note or value.
    public static let maxEditValues = 100
    public static let maxNoteCharacters = 10_000

    public init() {}

    public func decide(_ command: Command, _ state: ContactState) -> Result<[ContactChange], DomainRejection> {
        let id = command.request.contactID
        guard !id.isEmpty else { return .failure(.invalidCommand("the command needs a contact_id")) }
        let action: Action = if case .addNote = command.request { .addNote } else { .editContact }
        if case .failure(let rejection) = PermissionMatrix.standard.check(command.actor, action) { return .failure(rejection) }
        guard state.exists else { return .failure(.notFound("contact \(id)")) }
        guard !state.forgotten else { return .failure(.invalidCommand("contact \(id) was forgotten: its personal data is erased")) }
        switch command.request {
        case .edit(let edit): return self.edit(edit, command, state)
        case .archive(let archive):
            guard !state.archived else { return .success([]) }
            guard archive.reason.count <= 500 else { return .failure(.invalidCommand("the reason is longer than 500 characters")) }
            var archived = Callstack_V1_ContactArchived()
            archived.occurred = command.actor.occurrence
            archived.contactID = id
            archived.reason = archive.reason
            return .success([.archived(archived)])
        case .unarchive:
            guard state.archived else { return .success([]) }
            var unarchived = Callstack_V1_ContactUnarchived()
            unarchived.occurred = command.actor.occurrence
            unarchived.contactID = id
            return .success([.unarchived(unarchived)])
        case .addNote(let note): return addNote(note, command, state)
        }
    }

    private func edit(_ edit: Callstack_V1_EditContact, _ command: Command, _ state: ContactState) -> Result<[ContactChange], DomainRejection> {
        guard !state.archived else { return .failure(.invalidCommand("contact \(edit.contactID) is archived: unarchive it first")) }
        guard !edit.values.isEmpty else { return .failure(.invalidCommand("the edit names no field")) }
        guard edit.values.count <= Self.maxEditValues else { return .failure(.invalidCommand("an edit takes at most \(Self.maxEditValues) values")) }
        var values: [(field: ContactField, value: String)] = []
        var unknown: [DomainRejection] = []
        for value in edit.values {
            if value.value.count > Self.maxNoteCharacters {
                unknown.append(.invalidCommand("the value of \(value.field) is longer than \(Self.maxNoteCharacters) characters"))
            } else if let field = ContactField(value.field), field != .ignored {
                values.append((field, value.value))
            } else {
                unknown.append(.invalidCommand("unknown field \(value.field): use name, first_name, last_name, phone, email, company, title, source, time_zone, notes or custom.<key>"))
            }
        }
        if let rejection = DomainRejection.of(unknown) { return .failure(rejection) }
        switch ContactEditor(rules: command.rules).apply(values, to: command.current) {
        case .failure(let refusal):
            return .failure(DomainRejection.of(refusal.problems.map { .invalidCommand($0.description) }) ?? .invalidCommand("the edit was refused"))
        case .success(let result):
            guard !result.changed.isEmpty else { return .success([]) }
            return .success([.edited(contactID: edit.contactID, draft: result.draft, changed: result.changed)])
        }
    }

    private func addNote(_ note: Callstack_V1_AddContactNote, _ command: Command, _ state: ContactState) -> Result<[ContactChange], DomainRejection> {
        let text = note.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return .failure(.invalidCommand("the note is empty")) }
        guard text.count <= Self.maxNoteCharacters else { return .failure(.invalidCommand("the note is longer than \(Self.maxNoteCharacters) characters")) }
        if !note.campaignID.isEmpty, state.enrolments[note.campaignID] == nil {
            return .failure(.invalidCommand("contact \(note.contactID) is not enrolled in campaign \(note.campaignID)"))
        }
        if command.actor.role == .caller {
            let scope = note.campaignID.isEmpty ? Set(state.enrolments.keys) : [note.campaignID]
            guard !scope.isDisjoint(with: command.assignedCampaigns) else {
                return .failure(.notAuthorized(
                    actor: command.actor.memberID, action: "add a note to a contact of a campaign they are not assigned to",
                    requires: "Team Admin or Campaign Manager"))
            }
        }
        return .success([.noteAdded(contactID: note.contactID, text: text, campaignID: note.campaignID)])
    }
}
