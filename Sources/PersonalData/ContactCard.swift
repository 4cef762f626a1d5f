public import CallStackEvents

/// A contact's details in plaintext, as an import or a form gives them: the domain side of
/// `ContactCreated`, whose personal fields are sealed.
public struct ContactCard: Sendable, Equatable {
    public struct Phone: Sendable, Equatable {
        /// E.164, such as `+447700900123`. Sealed.
        public var number: PersonalValue
        /// Derived, non-identifying attributes: stay plaintext.
        public var region: String
        public var timeZone: String
        public var type: Callstack_V1_PhoneType
        public var valid: Bool

        public init(number: PersonalValue, region: String, timeZone: String, type: Callstack_V1_PhoneType, valid: Bool) {
            self.number = number
            self.region = region
            self.timeZone = timeZone
            self.type = type
            self.valid = valid
        }
    }

    public var contactID: String
    /// Sealed.
    public var name: PersonalValue
    /// Sealed.
    public var title: PersonalValue
    public var phones: [Phone]
    /// Sealed, each.
    public var emails: [PersonalValue]
    /// A company is not personal data: plaintext.
    public var company: String

    public init(
        contactID: String, name: PersonalValue, title: PersonalValue = .absent, phones: [Phone] = [],
        emails: [PersonalValue] = [], company: String = ""
    ) {
        self.contactID = contactID
        self.name = name
        self.title = title
        self.phones = phones
        self.emails = emails
        self.company = company
    }
}
