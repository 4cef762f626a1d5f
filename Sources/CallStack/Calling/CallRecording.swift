import CallStackDomain
import CallStackEvents
import EventLog
import PersonalData
import SwiftProtobuf

/// Turns ``CallSession`` events into the events the log records, sealing an outcome's notes and a
/// meeting's location under the contact's key: the calling counterpart of `ContactRecording`.
struct CallRecording {
    let keys: SubjectKeyStore

    func proposed(_ event: CallSession.Event, id: EventID, actor: String) throws -> ProposedEvent? {
        guard let (type, message) = try message(for: event, id: id) else { return nil }
        return ProposedEvent(id: id, type: type, actor: actor, payload: try message.serializedBytes())
    }

    private func message(for event: CallSession.Event, id: EventID) throws -> (String, any SwiftProtobuf.Message)? {
        switch event {
        case .reserved(let message): return ("CallReserved", message)
        case .released(let message): return ("ReservationReleased", message)
        case .dialStarted(let message): return ("DialStarted", message)
        case .connected(let message): return ("CallConnected", message)
        case .ended(let message): return ("CallEnded", message)
        case .outcomeSaved(var saved, let notes):
            saved.notes = try seal(notes, saved.contactID, .outcomeNotes, id)
            return ("OutcomeSaved", saved)
        case .meetingBooked(var meeting, let location):
            meeting.location = try seal(location, meeting.contactID, .meetingLocation, id)
            return ("MeetingBooked", meeting)
        case .opportunityOpened(let message): return ("OpportunityOpened", message)
        case .revenueAttributed(let message): return ("RevenueAttributed", message)
        case .callbackScheduled(let message): return ("CallbackScheduled", message)
        case .followUpCreated(let message): return ("FollowUpCreated", message)
        case .reassigned(let message): return ("EnrolmentReassigned", message)
        case .meetingResponded(let message): return ("MeetingResponded", message)
        case .hotLeadEscalated(let message): return ("HotLeadEscalated", message)
        case .callbackDue(let message): return ("CallbackDue", message)
        case .enrolled, .unenrolled, .archived, .unarchived, .forgotten, .other: return nil
        }
    }

    private func seal(_ text: String, _ contactID: String, _ field: PersonalField, _ id: EventID) throws -> Callstack_V1_SealedValue {
        guard !text.isEmpty else { return Callstack_V1_SealedValue() }
        return try keys.seal(text, for: try DataSubject(.contact, contactID), field: field, eventID: id, creatingKey: false)
    }
}
