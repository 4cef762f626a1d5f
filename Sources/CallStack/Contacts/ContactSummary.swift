public import PersonalData

/// One contact as search lists it: its personal fields opened with its key.
public struct ContactSummary: Sendable, Equatable {
    /// A campaign the contact is enrolled in, with its call status there.
    public struct Enrolment: Sendable, Equatable {
        public let campaignID: String
        public let callStatus: String
    }

    public let contactID: String
    public let name: PersonalValue
    public let phones: [PersonalValue]
    public let emails: [PersonalValue]
    /// The phones' regions, in their order.
    public let regions: [String]
    public let company: String
    public let source: String
    public let archived: Bool
    /// By campaign id.
    public let enrolments: [Enrolment]
}

/// A page of ``Engine/searchContacts(_:asking:)``.
public struct ContactSearchPage: Sendable, Equatable {
    public let contacts: [ContactSummary]
    /// How many contacts match in all, on every page.
    public let total: Int
    /// The ``ContactQuery/after`` of the next page; nil on the last.
    public let next: String?
}
