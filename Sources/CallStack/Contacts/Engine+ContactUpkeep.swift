import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import EventSourcing
import PersonalData
import Synchronization

extension Engine {
    /// Decides and records an edit, an archive, an unarchive or a note (``ContactUpkeep``), then
    /// brings the contact's keyed hashes in line with what it now is (``reconcileLookups(of:)``).
    func handleContact(_ request: ContactUpkeep.Request, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        let contactID = request.contactID
        guard let subject = try? DataSubject(.contact, contactID) else {
            return .rejected(.invalidCommand("contact_id must name a contact: 1 to 200 bytes, without ':' or NUL"))
        }
        let (workspace, settings) = try workspaceAndSettings()
        let rules = ImportRules(settings: settings.settings, brief: nil)
        let recording = ContactRecording(
            keys: keys, occurred: Self.occurrence(envelope), personalFields: rules.personalFieldKeys)
        let outcome = try await decideAndRecord(on: Self.contactStream(contactID), envelope) { history in
            let state = ContactState.fold(history.events.map(ContactEvent.init))
            if state.exists, !state.forgotten, !request.isArchiving, try !keys.hasKey(for: subject) {
                return .failure(.invalidCommand("contact \(contactID) has no key in this store (forgotten, or restored without keys): its fields and notes cannot change"))
            }
            let actor = workspace.actor(envelope.actorMemberID, atMicros: envelope.atMicros)
            var current = ContactDraft()
            if case .edit = request, state.exists, !state.forgotten { current = ContactDraft(try keys.openContact(state.card)) }
            let assigned = actor.role == .caller ? try assignedCampaigns(of: envelope.actorMemberID, among: state.campaigns) : []
            return ContactUpkeep().decide(
                ContactUpkeep.Command(request, by: actor, rules: rules, current: current, assignedCampaigns: assigned), state)
        } record: { change, id in
            try recording.proposed(change, id: id, actor: envelope.actorMemberID)
        }
        if case .accepted = outcome, !request.isNote { try reconcileLookups(of: contactID) }
        return outcome
    }

    /// The contact as its stream leaves it.
    func contactState(_ contactID: String) throws -> ContactState {
        ContactState.fold(try StreamHistory(of: Self.contactStream(contactID), in: log, registry: registry).events.map(ContactEvent.init))
    }

    /// Sets the contact's keyed hashes to its current phones and emails; none when it is archived.
    /// Idempotent, so a command retried after a crash between its append and this mends them; one
    /// at a time (``lookupsLock``), so the last to run reads the latest stream. A forgotten
    /// contact's hashes went with its key and stay gone.
    func reconcileLookups(of contactID: String) throws {
        try lookupsLock.withLock { _ in try reconcileLookupsLocked(contactID) }
    }

    private func reconcileLookupsLocked(_ contactID: String) throws {
        let state = try contactState(contactID)
        guard state.exists, !state.forgotten else { return }
        let subject = try DataSubject(.contact, contactID)
        guard !state.archived else {
            try keys.dropLookups(of: [subject])
            return
        }
        let card = try keys.openContact(state.card)
        let phones = card.phones.compactMap(\.number.text).map { (kind: LookupKind.phone, normalized: $0) }
        let emails = card.emails.compactMap(\.text).map { (kind: LookupKind.email, normalized: $0.lowercased()) }
        try keys.replaceLookups(of: subject, with: phones + emails)
    }

    /// The campaigns among `campaigns` whose brief assigns `member` as a caller.
    func assignedCampaigns(of member: String, among campaigns: [String]) throws -> Set<String> {
        Set(try campaigns.filter { try assigns($0, member) })
    }

    /// True when campaign `campaignID` exists and its brief assigns `member` as a caller.
    func assigns(_ campaignID: String, _ member: String) throws -> Bool {
        try reader.campaign(campaignID)?.brief.identity.assignedCallerIds.contains(member) ?? false
    }
}

extension ContactUpkeep.Request {
    var isNote: Bool {
        if case .addNote = self { true } else { false }
    }

    var isArchiving: Bool {
        switch self {
        case .archive, .unarchive: true
        case .edit, .addNote: false
        }
    }
}
