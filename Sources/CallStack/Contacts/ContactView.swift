public import PersonalData

/// One contact in full, as ``Engine/contact(_:asking:)`` shows it: every field opened with its
/// key (``PersonalValue/erased`` once forgotten), its notes and its enrolments.
public struct ContactView: Sendable, Equatable {
    public struct Note: Sendable, Equatable {
        public let atMicros: Int64
        public let author: String
        /// The campaign it was written in; empty for none.
        public let campaignID: String
        public let text: PersonalValue
    }

    public let card: ContactCard
    public let archived: Bool
    public let forgotten: Bool
    /// In the order they were added.
    public let notes: [Note]
    /// By campaign id.
    public let enrolments: [ContactSummary.Enrolment]
}
