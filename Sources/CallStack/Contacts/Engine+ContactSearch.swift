import CallStackDomain
import CallStackEvents
import ContactImport
import EventSourcing
import PersonalData
import Projections

extension Engine {
    /// The contacts matching `query`, a page at a time, in contact id order (`readContacts`; a
    /// Caller sees only contacts enrolled in a campaign they are assigned to). Archived contacts
    /// are left out unless asked for; forgotten ones always are.
    ///
    /// Phone and email go through the keyed-hash index (the number read with the workspace's
    /// default region, the address compared without case); name, company, source, status and
    /// campaign filter the in-memory `contact-directory` index, caught up with the log first.
    /// Names are opened with each contact's key the first time a name search meets them, and kept
    /// in memory only. The page's phones and emails are opened for the result.
    ///
    /// - Throws: ``DomainRejection`` for a member who may not read contacts, or a phone or email
    ///   that cannot be one (with the reason an import would give).
    public func searchContacts(_ query: ContactQuery, asking member: String) throws -> ContactSearchPage {
        let (workspace, settings) = try workspaceAndSettings()
        let view = queries(as: member)
        try view.allow(.readContacts, in: workspace)
        guard (1...ContactQuery.maxLimit).contains(query.limit) else {
            throw DomainRejection.invalidCommand("limit must be 1 to \(ContactQuery.maxLimit)")
        }
        var criteria = ContactSearchIndex.Criteria()
        criteria.name = query.name.map(ContactSearchIndex.folded)
        criteria.company = query.company.map(ContactSearchIndex.folded)
        criteria.source = query.source
        criteria.status = query.status
        criteria.campaign = query.campaign
        criteria.includeArchived = query.includeArchived
        criteria.subjects = try lookedUp(query, defaultRegion: settings.settings.importDefaults.defaultPhoneRegion)
        if workspace.activeRole(of: member) == .caller {
            var assigned: [String: Bool] = [:]
            criteria.visible = { campaign in
                if let known = assigned[campaign] { return known }
                let answer = try self.assigns(campaign, member)
                assigned[campaign] = answer
                return answer
            }
        }
        let (page, total, remaining) = try contactIndex.search(criteria, after: query.after, limit: query.limit, log: log, registry: registry, keys: keys)
        let contacts = try page.map { try summary($0.id, $0.entry) }
        return ContactSearchPage(contacts: contacts, total: total, next: remaining > page.count ? page.last?.id : nil)
    }

    /// The contact ids the query's phone and email find in the keyed-hash index (both when both
    /// are given); nil when it asks for neither.
    private func lookedUp(_ query: ContactQuery, defaultRegion: String) throws -> Set<String>? {
        var found: Set<String>?
        if let phone = query.phone {
            switch PhoneNumberParser().parse(phone, defaultRegion: defaultRegion.isEmpty ? nil : defaultRegion) {
            case .failure(let rejection): throw DomainRejection.invalidCommand("phone \(phone): \(rejection.description)")
            case .success(let number): found = Set(try keys.subjects(with: .phone, number.e164).map(\.id))
            }
        }
        if let email = query.email {
            switch EmailAddress.parse(email) {
            case .failure(let rejection): throw DomainRejection.invalidCommand("email \(email): \(rejection.description)")
            case .success(let address):
                let ids = Set(try keys.subjects(with: .email, address.comparisonKey).map(\.id))
                found = found.map { $0.intersection(ids) } ?? ids
            }
        }
        return found
    }

    private func summary(_ id: String, _ entry: ContactDirectoryProjector.Entry) throws -> ContactSummary {
        let subject = try DataSubject(.contact, id)
        return ContactSummary(
            contactID: id,
            name: try keys.open(ContactDirectoryProjector.sealed(entry.name), of: subject, field: .contactName),
            phones: try entry.phones.enumerated().map { index, box in
                try keys.open(ContactDirectoryProjector.sealed(box), of: subject, field: .contactPhone.at(index))
            },
            emails: try entry.emails.enumerated().map { index, box in
                try keys.open(ContactDirectoryProjector.sealed(box), of: subject, field: .contactEmail.at(index))
            },
            regions: entry.regions, company: entry.company, source: entry.source, archived: entry.archived,
            enrolments: entry.enrolments.keys.sorted().map { ContactSummary.Enrolment(campaignID: $0, callStatus: entry.enrolments[$0] ?? "") })
    }

    /// One contact in full, with its notes (`readContacts`; a Caller only for a contact enrolled in
    /// a campaign they are assigned to). Nil when there is no such contact.
    public func contact(_ contactID: String, asking member: String) throws -> ContactView? {
        let workspace = try workspace()
        let view = queries(as: member)
        try view.allow(.readContacts, in: workspace)
        guard let subject = try? DataSubject(.contact, contactID) else { return nil }
        let state = try contactState(contactID)
        guard state.exists else { return nil }
        if workspace.activeRole(of: member) == .caller, try assignedCampaigns(of: member, among: state.campaigns).isEmpty {
            throw DomainRejection.notAuthorized(
                actor: member, action: "read a contact of a campaign they are not assigned to", requires: "Team Admin, Campaign Manager or Viewer")
        }
        return ContactView(
            card: try keys.openContact(state.card), archived: state.archived, forgotten: state.forgotten,
            notes: try state.notes.map { note in
                ContactView.Note(
                    atMicros: note.occurred.atMicros, author: note.occurred.actorMemberID, campaignID: note.campaignID,
                    text: try keys.open(note.text, of: subject, field: .contactNoteText))
            },
            enrolments: state.campaigns.map { ContactSummary.Enrolment(campaignID: $0, callStatus: state.enrolments[$0] ?? "") })
    }
}
