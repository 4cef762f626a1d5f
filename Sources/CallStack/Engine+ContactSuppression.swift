public import CallStackDomain
import CallStackEvents
import EventSourcing
import PersonalData

extension Engine {
    /// The entry that stops `contactID` from being called for `client`'s campaigns at `time`: any
    /// of its phones or emails on the global list or the client's (phones first, in the contact's
    /// order); nil when none is, or when there is no such contact.
    ///
    /// Opens the contact's sealed phones and emails with its key, so it needs the engine (the key
    /// store), not just the log. A forgotten contact's details read as erased and match nothing;
    /// the entries themselves are kept (suppression outlives erasure).
    ///
    /// `member` asks it: the `readContacts` query (callers see a contact's suppression state).
    public func suppression(
        forContact contactID: String, client: String?, at time: BusinessTime, asking member: String
    ) throws -> SuppressionEntry? {
        try reader.queries(as: member).allow(.readContacts)
        return try suppressionEntry(of: contactID, client: client, at: time)
    }

    /// ``suppression(forContact:client:at:asking:)`` unchecked: for `next` and the dial checks.
    func suppressionEntry(of contactID: String, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        let state = try contactState(contactID)
        guard state.exists else { return nil }
        let card = try keys.openContact(state.card)
        // Both lists in order once, for every phone and email of the contact.
        let entries = try suppressionList(client: nil).ordered + (try client.map { try suppressionList(client: $0).ordered } ?? [])
        let phones = card.phones.compactMap { $0.number.text.flatMap { try? E164Phone($0) } }
        for phone in phones {
            if let entry = SuppressionList.match(entries, phone: phone, email: nil, at: time) { return entry }
        }
        for email in card.emails.compactMap(\.text) {
            if let entry = SuppressionList.match(entries, phone: nil, email: email, at: time) { return entry }
        }
        return nil
    }
}
