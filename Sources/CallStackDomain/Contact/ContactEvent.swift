public import CallStackEvents
public import EventSourcing
public import SwiftProtobuf

/// The events of a contact's stream that its deciders care about.
public enum ContactEvent: Sendable, Equatable {
    case created(Callstack_V1_ContactCreated)
    case edited(Callstack_V1_ContactEdited)
    case archived(Callstack_V1_ContactArchived)
    case unarchived(Callstack_V1_ContactUnarchived)
    case noteAdded(Callstack_V1_ContactNoteAdded)
    case enrolled(Callstack_V1_ContactEnrolled)
    case unenrolled(Callstack_V1_ContactUnenrolled)
    case forgotten(Callstack_V1_ContactForgotten)
    /// An outcome: it moves the enrolment's call status.
    case outcomeSaved(Callstack_V1_OutcomeSaved)
    /// Calls and the rest: recorded on the stream, irrelevant to these decisions.
    case other(type: String)

    /// The domain view of an event read from the log.
    public init(_ event: DecodedEvent) {
        switch event.message {
        case let created as Callstack_V1_ContactCreated: self = .created(created)
        case let edited as Callstack_V1_ContactEdited: self = .edited(edited)
        case let archived as Callstack_V1_ContactArchived: self = .archived(archived)
        case let unarchived as Callstack_V1_ContactUnarchived: self = .unarchived(unarchived)
        case let note as Callstack_V1_ContactNoteAdded: self = .noteAdded(note)
        case let enrolled as Callstack_V1_ContactEnrolled: self = .enrolled(enrolled)
        case let unenrolled as Callstack_V1_ContactUnenrolled: self = .unenrolled(unenrolled)
        case let forgotten as Callstack_V1_ContactForgotten: self = .forgotten(forgotten)
        case let saved as Callstack_V1_OutcomeSaved: self = .outcomeSaved(saved)
        default: self = .other(type: event.type)
        }
    }

    /// The type name and message to append.
    public var recorded: (type: String, message: any SwiftProtobuf.Message)? {
        switch self {
        case .created(let created): ("ContactCreated", created)
        case .edited(let edited): ("ContactEdited", edited)
        case .archived(let archived): ("ContactArchived", archived)
        case .unarchived(let unarchived): ("ContactUnarchived", unarchived)
        case .noteAdded(let note): ("ContactNoteAdded", note)
        case .enrolled(let enrolled): ("ContactEnrolled", enrolled)
        case .unenrolled(let unenrolled): ("ContactUnenrolled", unenrolled)
        case .forgotten(let forgotten): ("ContactForgotten", forgotten)
        case .outcomeSaved(let saved): ("OutcomeSaved", saved)
        case .other: nil
        }
    }
}
