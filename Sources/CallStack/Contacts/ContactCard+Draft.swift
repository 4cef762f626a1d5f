import CallStackEvents
import ContactImport
import PersonalData

extension ContactCard {
    /// The card of a contact a draft describes (an import row, an edit): phones take the draft's
    /// time zone when it names one, else their own first; custom fields the workspace defines as
    /// personal (`personalFields`) are sealed.
    init(_ draft: ContactDraft, contactID: String, personalFields: Set<String>) {
        self.init(
            contactID: contactID, name: draft.name.isEmpty ? .absent : .text(draft.name), title: draft.title.isEmpty ? .absent : .text(draft.title),
            phones: draft.phones.map { phone in
                ContactCard.Phone(
                    number: .text(phone.e164), region: phone.region, timeZone: draft.timeZone.isEmpty ? (phone.timeZones.first ?? "") : draft.timeZone,
                    type: Self.phoneType(phone.type), valid: !phone.warnings.contains(.possibleButNotValid),
                    timeZones: draft.timeZone.isEmpty && phone.timeZones.count > 1 ? phone.timeZones : [])
            },
            emails: draft.emails.map { .text($0.address) }, company: draft.company, notes: draft.notes.isEmpty ? .absent : .text(draft.notes),
            customFields: draft.custom.map { CustomField(key: $0.key, personal: personalFields.contains($0.key), value: .text($0.value)) },
            source: draft.source)
    }

    /// The card with only `groups` kept: what an edit seals and records.
    func keeping(_ groups: [ContactGroup]) -> ContactCard {
        let kept = Set(groups)
        var card = ContactCard(contactID: contactID, name: kept.contains(.name) ? name : .absent)
        if kept.contains(.title) { card.title = title }
        if kept.contains(.phones) { card.phones = phones }
        if kept.contains(.emails) { card.emails = emails }
        if kept.contains(.company) { card.company = company }
        if kept.contains(.notes) { card.notes = notes }
        if kept.contains(.customFields) { card.customFields = customFields }
        if kept.contains(.source) { card.source = source }
        return card
    }

    static func phoneType(_ type: PhoneType) -> Callstack_V1_PhoneType {
        switch type {
        case .mobile, .fixedLineOrMobile: .mobile
        case .fixedLine: .fixedLine
        case .voip: .voip
        case .tollFree: .tollFree
        default: .unspecified
        }
    }
}

extension ContactDraft {
    /// The draft of an opened card, for an edit to start from: its phones read again by the
    /// parser (each was accepted by it once; one it no longer reads is left out), and a time zone
    /// only when every phone shares one that is not its own first (the file, or an edit, named it).
    init(_ card: ContactCard, phones parser: PhoneNumberParser = PhoneNumberParser()) {
        self.init()
        name = card.name.text ?? ""
        title = card.title.text ?? ""
        let parsed = card.phones.compactMap { phone in
            phone.number.text.flatMap { try? parser.parse($0, defaultRegion: nil).get() }.map { (phone, $0) }
        }
        phones = parsed.map(\.1)
        let zones = Set(card.phones.map(\.timeZone))
        if zones.count == 1, let zone = zones.first, parsed.contains(where: { $0.1.timeZones.first != zone }) { timeZone = zone }
        emails = card.emails.compactMap { $0.text.flatMap { try? EmailAddress.parse($0).get() } }
        company = card.company
        notes = card.notes.text ?? ""
        source = card.source
        custom = card.customFields.compactMap { field in field.value.text.map { (field.key, $0) } }
    }

    /// The keyed-hash entries of its phones (E.164) and emails (lowercased) for `subject`: what
    /// duplicate checks and search find it by. `after` leaves out the phones and emails an earlier
    /// version of the contact already had (an UPDATE adds only the rest).
    func lookups(for subject: DataSubject, after earlier: ContactDraft? = nil) -> [(kind: LookupKind, normalized: String, subject: DataSubject)] {
        phones.dropFirst(earlier?.phones.count ?? 0).map { (LookupKind.phone, $0.e164, subject) }
            + emails.dropFirst(earlier?.emails.count ?? 0).map { (LookupKind.email, $0.comparisonKey, subject) }
    }
}
