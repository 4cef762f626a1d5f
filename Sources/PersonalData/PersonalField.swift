/// Which personal field of an event a sealed value is, such as a contact's name or its second
/// phone number. Sealing binds the value to it: a box copied into another field does not open.
public struct PersonalField: Hashable, Sendable, CustomStringConvertible {
    /// The field's name in the contract, such as `"name"` or `"phones.number_e164"`.
    public let name: String
    /// The element of a repeated field; 0 otherwise.
    public let index: Int

    public init(_ name: String, index: Int = 0) {
        self.name = name
        self.index = index
    }

    /// The same field at another element of a repeated field.
    public func at(_ index: Int) -> PersonalField { PersonalField(name, index: index) }

    public var description: String { index == 0 ? name : "\(name)[\(index)]" }

    public static let contactName = PersonalField("name")
    public static let contactTitle = PersonalField("title")
    public static let contactPhone = PersonalField("phones.number_e164")
    public static let contactEmail = PersonalField("emails")
    public static let contactNotes = PersonalField("notes")
    /// The text of a note added to a contact (`ContactNoteAdded`).
    public static let contactNoteText = PersonalField("text")
    /// A custom field marked personal, by its key.
    public static func contactCustomField(_ key: String) -> PersonalField { PersonalField("custom_fields." + key) }
    /// The notes of a saved outcome (`OutcomeSaved`).
    public static let outcomeNotes = PersonalField("notes")
    /// Where a booked meeting takes place (`MeetingBooked`).
    public static let meetingLocation = PersonalField("location")
    public static let memberDisplayName = PersonalField("display_name")
    public static let memberEmail = PersonalField("email")
}
