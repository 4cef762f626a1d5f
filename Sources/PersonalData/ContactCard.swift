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
        /// Every zone the number may be in, when no zone was given and it maps to several (the
        /// calling window must hold in each); empty otherwise.
        public var timeZones: [String]

        public init(
            number: PersonalValue, region: String, timeZone: String, type: Callstack_V1_PhoneType, valid: Bool, timeZones: [String] = []
        ) {
            self.number = number
            self.region = region
            self.timeZone = timeZone
            self.type = type
            self.valid = valid
            self.timeZones = timeZones
        }
    }

    /// A custom field; one defined as personal is sealed, any other stays plaintext.
    public struct CustomField: Sendable, Equatable {
        public var key: String
        public var personal: Bool
        public var value: PersonalValue

        public init(key: String, personal: Bool, value: PersonalValue) {
            self.key = key
            self.personal = personal
            self.value = value
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
    /// Free text about the person. Sealed.
    public var notes: PersonalValue
    public var customFields: [CustomField]
    /// Where the contact came from (a source option's id). Not personal: plaintext.
    public var source: String

    public init(
        contactID: String, name: PersonalValue, title: PersonalValue = .absent, phones: [Phone] = [],
        emails: [PersonalValue] = [], company: String = "", notes: PersonalValue = .absent,
        customFields: [CustomField] = [], source: String = ""
    ) {
        self.contactID = contactID
        self.name = name
        self.title = title
        self.phones = phones
        self.emails = emails
        self.company = company
        self.notes = notes
        self.customFields = customFields
        self.source = source
    }
}
