public import CallStackEvents
public import EventSourcing
public import SwiftProtobuf

/// The events of a contact's stream that its deciders care about.
public enum ContactEvent: Sendable, Equatable {
    case created(Callstack_V1_ContactCreated)
    case forgotten(Callstack_V1_ContactForgotten)
    /// Enrolment, calls and the rest: recorded on the stream, irrelevant to these decisions.
    case other(type: String)

    /// The domain view of an event read from the log.
    public init(_ event: DecodedEvent) {
        switch event.message {
        case let created as Callstack_V1_ContactCreated: self = .created(created)
        case let forgotten as Callstack_V1_ContactForgotten: self = .forgotten(forgotten)
        default: self = .other(type: event.type)
        }
    }

    /// The type name and message to append.
    public var recorded: (type: String, message: any SwiftProtobuf.Message)? {
        switch self {
        case .created(let created): ("ContactCreated", created)
        case .forgotten(let forgotten): ("ContactForgotten", forgotten)
        case .other: nil
        }
    }
}
