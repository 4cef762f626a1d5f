public import CallStackEvents

/// A contact as its stream leaves it: its fields (still sealed), whether it is archived or
/// forgotten, its notes and the campaigns it is enrolled in. A pure fold of ``ContactEvent``s.
public struct ContactState: Sendable, Equatable {
    /// The contact's fields as recorded: its `ContactCreated` with every later edit applied
    /// (``ContactGroup/apply(_:to:)``). Personal fields are sealed.
    public var card = Callstack_V1_ContactCreated()
    public var exists = false
    public var archived = false
    public var forgotten = false
    /// Notes in the order they were added; their text is sealed.
    public var notes: [Callstack_V1_ContactNoteAdded] = []
    /// Campaign id → the call status of the enrolment, for the campaigns it is enrolled in now.
    public var enrolments: [String: String] = [:]

    public init() {}

    /// The state after `events`, in order.
    public static func fold(_ events: [ContactEvent]) -> ContactState {
        var state = ContactState()
        for event in events { state.apply(event) }
        return state
    }

    public mutating func apply(_ event: ContactEvent) {
        switch event {
        case .created(let created):
            card = created
            exists = true
        case .edited(let edited): ContactGroup.apply(edited, to: &card)
        case .archived: archived = true
        case .unarchived: archived = false
        case .noteAdded(let note): notes.append(note)
        case .enrolled(let enrolled): enrolments[enrolled.campaignID] = enrolled.callStatus
        case .unenrolled(let unenrolled): enrolments[unenrolled.campaignID] = nil
        case .forgotten: forgotten = true
        case .outcomeSaved(let saved):
            if !saved.callStatus.isEmpty, enrolments[saved.campaignID] != nil { enrolments[saved.campaignID] = saved.callStatus }
        case .other: break
        }
    }

    /// The campaigns it is enrolled in, by id.
    public var campaigns: [String] { enrolments.keys.sorted() }
}
