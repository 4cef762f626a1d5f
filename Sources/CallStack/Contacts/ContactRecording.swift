import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import PersonalData
import SwiftProtobuf

/// Turns ``ContactChange``s into the events the log records, sealing an edit's personal fields
/// and a note's text under the contact's key: the contact's counterpart of `WorkspaceRecording`.
struct ContactRecording {
    let keys: SubjectKeyStore
    let occurred: Callstack_V1_Occurrence
    /// Custom fields the workspace defines as personal: sealed.
    let personalFields: Set<String>

    func proposed(_ change: ContactChange, id: EventID, actor: String) throws -> ProposedEvent {
        let (type, message) = try message(for: change, id: id)
        return ProposedEvent(id: id, type: type, actor: actor, payload: try message.serializedBytes())
    }

    private func message(for change: ContactChange, id: EventID) throws -> (String, any SwiftProtobuf.Message) {
        switch change {
        case .edited(let contactID, let draft, let changed):
            return ("ContactEdited", try edited(contactID, draft, changed, id: id))
        case .archived(let archived): return ("ContactArchived", archived)
        case .unarchived(let unarchived): return ("ContactUnarchived", unarchived)
        case .noteAdded(let contactID, let text, let campaignID):
            var note = Callstack_V1_ContactNoteAdded()
            note.occurred = occurred
            note.contactID = contactID
            note.text = try keys.seal(text, for: try DataSubject(.contact, contactID), field: .contactNoteText, eventID: id, creatingKey: false)
            note.campaignID = campaignID
            return ("ContactNoteAdded", note)
        }
    }

    /// `ContactEdited` for the groups `changed` of `draft`, sealed for the event `id`.
    func edited(_ contactID: String, _ draft: ContactDraft, _ changed: [ContactGroup], id: EventID, importID: String = "") throws -> Callstack_V1_ContactEdited {
        let card = ContactCard(draft, contactID: contactID, personalFields: personalFields).keeping(changed)
        let sealed = try keys.sealContact(card, eventID: id, occurred: occurred, creatingKey: false)
        var edited = ContactGroup.edit(setting: changed.map(\.rawValue), from: sealed)
        edited.occurred = occurred
        edited.importID = importID
        return edited
    }
}
