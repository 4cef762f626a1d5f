public import CallStackDomain
public import CallStackEvents
public import PersonalData
public import Projections

/// What a caller sees before dialing (``Engine/previewCard(contact:campaign:at:asking:)``): the
/// contact, each number's quality and local time, suppression, earlier attempts with their
/// notes, the script and playbook the campaign pins, and what each outcome requires.
public struct PreviewCard: Sendable {
    /// One number of the contact.
    public struct Number: Sendable, Equatable {
        public let number: PersonalValue
        public let type: Callstack_V1_PhoneType
        public let valid: Bool
        public let region: String
        /// "Zone HH:MM" for each zone the number may be in, at the card's time.
        public let localTimes: [String]
        /// Why the calling window is shut now, or nil when it is open.
        public let windowClosed: String?
        public let warnings: [String]
    }

    /// One earlier attempt in the campaign.
    public struct Attempt: Sendable, Equatable {
        public let callID: String
        public let startedAtMicros: Int64
        public let caller: String
        public let result: String
        public let outcomeID: String
        public let notes: PersonalValue
    }

    public let contact: ContactView
    public let campaignID: String
    public let atMicros: Int64
    public let numbers: [Number]
    /// The entry that stops the contact being called, or nil.
    public let suppression: SuppressionEntry?
    public let attempts: [Attempt]
    /// The pinned script, at its pinned version (nil when none is pinned).
    public let script: Callstack_V1_ScriptPublished?
    /// The template's steps, then the campaign's own.
    public let playbookSteps: [Callstack_V1_PlaybookStep]
    public let outcomes: [Callstack_V1_OutcomeDefinition]
    /// Every outcome needs notes.
    public let notesRequired: Bool
    /// Where the enrolment stands in the queue now.
    public let placement: Placement?
}
