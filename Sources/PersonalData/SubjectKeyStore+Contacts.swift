public import CallStackEvents
public import EventLog
import Foundation

/// The mapping between ``ContactCard`` and `ContactCreated`: the one place that knows which of a
/// contact's fields are sealed.
extension SubjectKeyStore {
    /// The `ContactCreated` event for `card`, its personal fields sealed for the event `eventID`.
    /// A phone's number is sealed, its derived attributes stay plaintext. A value that is
    /// ``PersonalValue/erased`` cannot be sealed again and is refused. With `creatingKey` false
    /// (an edit of an existing contact) a missing key is ``PersonalDataError/noKey(_:)``.
    public func sealContact(
        _ card: ContactCard, eventID: EventID, occurred: Callstack_V1_Occurrence, creatingKey: Bool = true
    ) throws(PersonalDataError) -> Callstack_V1_ContactCreated {
        let subject = try DataSubject(.contact, card.contactID)
        var created = Callstack_V1_ContactCreated()
        created.occurred = occurred
        created.contactID = card.contactID
        created.company = card.company
        created.source = card.source
        let seal = { (value: PersonalValue, field: PersonalField) throws(PersonalDataError) -> Callstack_V1_SealedValue in
            try self.seal(value, subject, field, eventID, creatingKey: creatingKey)
        }
        created.name = try seal(card.name, .contactName)
        created.title = try seal(card.title, .contactTitle)
        created.emails = try card.emails.enumerated().map { index, email throws(PersonalDataError) in
            try seal(email, .contactEmail.at(index))
        }
        created.notes = try seal(card.notes, .contactNotes)
        guard Set(card.customFields.map(\.key)).count == card.customFields.count else {
            throw .invalidSubject("\(subject) has a custom field key twice")
        }
        created.customFields = try card.customFields.enumerated().map { index, field throws(PersonalDataError) in
            var value = Callstack_V1_CustomFieldValue()
            value.key = field.key
            value.personal = field.personal
            if field.personal {
                value.sealed = try seal(field.value, .contactCustomField(field.key).at(index))
            } else {
                value.plain = field.value.text ?? ""
            }
            return value
        }
        created.phones = try card.phones.enumerated().map { index, phone throws(PersonalDataError) in
            var sealed = Callstack_V1_ContactPhone()
            sealed.numberE164 = try seal(phone.number, .contactPhone.at(index))
            sealed.region = phone.region
            sealed.timeZone = phone.timeZone
            sealed.type = phone.type
            sealed.valid = phone.valid
            sealed.timeZones = phone.timeZones
            return sealed
        }
        return created
    }

    /// The card a `ContactCreated` event holds, opened with the contact's key: every personal
    /// field reads as ``PersonalValue/erased`` once the contact is forgotten.
    public func openContact(_ created: Callstack_V1_ContactCreated) throws(PersonalDataError) -> ContactCard {
        let subject = try DataSubject(.contact, created.contactID)
        let phones = try created.phones.enumerated().map { index, phone throws(PersonalDataError) in
            ContactCard.Phone(
                number: try open(phone.numberE164, of: subject, field: .contactPhone.at(index)),
                region: phone.region, timeZone: phone.timeZone, type: phone.type, valid: phone.valid, timeZones: phone.timeZones)
        }
        return ContactCard(
            contactID: created.contactID,
            name: try open(created.name, of: subject, field: .contactName),
            title: try open(created.title, of: subject, field: .contactTitle),
            phones: phones,
            emails: try created.emails.enumerated().map { index, email throws(PersonalDataError) in
                try open(email, of: subject, field: .contactEmail.at(index))
            },
            company: created.company,
            notes: try open(created.notes, of: subject, field: .contactNotes),
            customFields: try created.customFields.enumerated().map { index, field throws(PersonalDataError) in
                ContactCard.CustomField(
                    key: field.key, personal: field.personal,
                    value: field.personal
                        ? try open(field.sealed, of: subject, field: .contactCustomField(field.key).at(index))
                        : (field.plain.isEmpty ? .absent : .text(field.plain)))
            },
            source: created.source)
    }

    private func seal(
        _ value: PersonalValue, _ subject: DataSubject, _ field: PersonalField, _ eventID: EventID, creatingKey: Bool
    ) throws(PersonalDataError) -> Callstack_V1_SealedValue {
        switch value {
        case .absent: return Callstack_V1_SealedValue()
        case .erased: throw .invalidSubject("\(field) of \(subject) is erased and cannot be sealed again")
        case .text(let text): return try seal(text, for: subject, field: field, eventID: eventID, creatingKey: creatingKey)
        }
    }
}
