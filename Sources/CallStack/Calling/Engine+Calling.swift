import CallStackDomain
public import CallStackEvents
import EventLog
import EventSourcing
import PersonalData
import Projections
import SwiftProtobuf
import Synchronization

extension Engine {
    /// Decides and records a step of a call (``CallSession``) on the contact's stream: the
    /// telephony integration's dial, connect and end, the caller's outcome, a pass, a manager's
    /// reassignment, a meeting's answer.
    ///
    /// - A Caller acts only in campaigns that assign them; new dials need an active campaign.
    /// - A dial is checked again at dial time: the number against the suppression lists, the
    ///   contact's local time against the calling window in every zone it may be in; the checks
    ///   are recorded with the dial as evidence. An empty caller ID is chosen from the inventory.
    /// - A saved outcome flagged do-not-call then adds the contact's phones to the client's list.
    func handleCall(
        _ request: CallSession.Request, contactID: String, campaignID: String, _ envelope: Callstack_V1_CommandEnvelope
    ) async throws -> CommandOutcome {
        guard (try? DataSubject(.contact, contactID)) != nil else {
            return .rejected(.invalidCommand("contact_id must name a contact: 1 to 200 bytes, without ':' or NUL"))
        }
        guard Self.campaignStream(campaignID) != nil, let campaign = try reader.campaign(campaignID) else {
            return .rejected(.notFound("campaign \(campaignID)"))
        }
        let (workspace, settings) = try workspaceAndSettings()
        let actor = workspace.actor(envelope.actorMemberID, atMicros: envelope.atMicros)
        if case .failure(let rejection) = PermissionMatrix.standard.check(actor, request.action) { return .rejected(rejection) }
        if actor.role == .caller, !campaign.brief.identity.assignedCallerIds.contains(actor.memberID) {
            return .rejected(.notAuthorized(actor: actor.memberID, action: "call in campaign \(campaignID), which does not assign them", requires: "an assigned Caller, a Team Admin or a Campaign Manager"))
        }
        if case .reassign(let member) = request, !member.isEmpty,
            workspace.activeRole(of: member) == nil || !campaign.brief.identity.assignedCallerIds.contains(member)
        {
            return .rejected(.invalidCommand("\(member) is not an active caller assigned to campaign \(campaignID)"))
        }
        let controls = EffectiveSettings.controls(brief: campaign.brief, workspace: settings.settings.campaignDefaults)
        var request = request
        if case .startDial(let reservation, let callID, let number, _) = request {
            guard campaign.status == .active else { return .rejected(.invalidCommand("campaign \(campaignID) is not active: no new dials")) }
            switch try dialChecks(contactID: contactID, campaign: campaign, settings: settings, controls: controls, number: number, at: envelope.atMicros) {
            case .failure(let rejection): return .rejected(rejection)
            case .success(let (chosen, evidence)): request = .startDial(reservationID: reservation, callID: callID, callerIDNumber: chosen, evidence: evidence)
            }
        }
        let templateSteps = try request.savesOutcome ? playbookSteps(campaign.brief.callHandling.playbookTemplate) : []
        let gate = OutcomeGate(brief: campaign.brief, templateSteps: templateSteps)
        let maxAttempts = Int(min(controls.maxAttempts, controls.dialing.maxAttemptsPerContact))
        let session = CallSession(campaignID: campaignID)
        let recording = CallRecording(keys: keys)
        let decided = request
        let outcome = try await decideAndRecord(on: Self.contactStream(contactID), envelope) { history in
            let facts = ContactFacts(ContactState.fold(history.events.map(ContactEvent.init)), campaignID: campaignID)
            return session.decide(
                CallSession.Command(decided, by: actor, contactID: contactID, gate: gate, maxAttempts: maxAttempts, facts: facts),
                after: history.events.map(session.event))
        } record: { event, id in
            try recording.proposed(event, id: id, actor: envelope.actorMemberID)
        }
        if case .accepted = outcome, case .saveOutcome(_, let capture) = request,
            campaign.brief.callHandling.outcomes.first(where: { $0.outcomeID == capture.outcomeID })?.flags.contains(.doNotCall) == true
        {
            try await suppressPhones(of: contactID, client: campaign.clientID, reason: "outcome \(capture.outcomeID)", envelope)
        }
        return outcome
    }

    /// The checks a dial passes at dial time, and what they saw: the number dialled (the contact's
    /// first diallable phone), not suppressed; inside the calling window in every zone the contact
    /// may be in; a caller ID (`number`, or one chosen from the inventory).
    private func dialChecks(
        contactID: String, campaign: CampaignState, settings: SettingsState, controls: Callstack_V1_CampaignDefaults, number: String, at micros: Int64
    ) throws -> Result<(String, Callstack_V1_DialEvidence), DomainRejection> {
        let state = try contactState(contactID)
        guard state.exists, !state.forgotten else { return .failure(.notFound("contact \(contactID)")) }
        let card = try keys.openContact(state.card)
        // The first phone, as the queue's calling window reads it.
        guard let dialled = card.phones.first?.number.text.flatMap({ try? E164Phone($0) }), let phone = state.card.phones.first else {
            return .failure(.invalidCommand("contact \(contactID) has no phone number to dial"))
        }
        let time = BusinessTime(micros: micros)
        var evidence = Callstack_V1_DialEvidence()
        evidence.phoneIndex = 0
        let lists: [(String, SuppressionList)] = [("global", try suppressionList(client: nil)), ("client:" + campaign.clientID, try suppressionList(client: campaign.clientID))]
        evidence.suppressionListsChecked = lists.map { "\($0.0) (\($0.1.entries.count) entries)" }
        if let entry = SuppressionList.match(lists.flatMap(\.1.ordered), phone: dialled, email: nil, at: time) {
            return .failure(.invalidCommand("the number is suppressed (entry \(entry.id)): it is never dialled"))
        }
        guard let window = CallingWindowRule(controls.dialing.callingWindow) else {
            return .failure(.invalidCommand("campaign \(campaign.campaignID) has no valid calling window"))
        }
        let zones = phone.timeZones.isEmpty ? [phone.timeZone].filter { !$0.isEmpty } : phone.timeZones
        evidence.callingWindow = window.text
        evidence.localTimes = zones.map { "\($0) \(CallingWindowRule.localTime(at: time, in: $0) ?? "unknown")" }
        let verdict = window.verdict(at: time, inEvery: zones)
        guard verdict.allows else { return .failure(.invalidCommand("\(verdict) (window \(window.text))")) }
        let health = try campaignHealth(campaign.campaignID, at: time)
        evidence.abandonCapBasisPoints = controls.dialing.abandonRateCap.maxBasisPoints
        evidence.abandonRateBasisPoints = health?.abandonRateBasisPoints ?? 0
        evidence.mode = (health?.mode ?? controls.dialing.mode).name
        guard number.isEmpty else { return .success((number, evidence)) }
        let attempts = Int(try queueEnrolment(contactID, campaign: campaign.campaignID, at: time)?.record.attempts ?? 0)
        guard let chosen = CallerIDChooser(inventory: settings.settings.phoneNumbers).choose(
            contactID: contactID, contactNumber: dialled.digits, region: phone.region, attempt: attempts)
        else { return .failure(.invalidCommand("the inventory has no active caller ID for region \(phone.region)")) }
        return .success((chosen, evidence))
    }

    /// The steps of the playbook template `ref` pins, at that version; none when it pins none.
    func playbookSteps(_ ref: Callstack_V1_VersionRef) throws -> [Callstack_V1_PlaybookStep] {
        guard !ref.id.isEmpty else { return [] }
        let history = try StreamHistory(of: "workspace", in: log, registry: registry)
        return history.events.lazy.compactMap { $0.message as? Callstack_V1_PlaybookTemplatePublished }
            .first { $0.templateID == ref.id && $0.version == ref.version }?.steps ?? []
    }

    /// Adds each phone of the contact to the client's suppression list, on behalf of the outcome
    /// that asked for it: saving the outcome is the caller's to do, and the entries follow from it.
    /// Idempotent per command (each entry's command id derives from the outcome's), so a retried
    /// outcome adds what a crash left out.
    private func suppressPhones(of contactID: String, client: String, reason: String, _ envelope: Callstack_V1_CommandEnvelope) async throws {
        let card = try keys.openContact(try contactState(contactID).card)
        for (index, number) in card.phones.compactMap(\.number.text).enumerated() {
            let add = Callstack_V1_AddSuppressionEntry.with {
                $0.clientID = client; $0.entryID = "dnc-\(envelope.commandID)-\(index)"; $0.kind = .phone; $0.value = number
                $0.reason = reason; $0.source = "outcome"
            }
            let entry = Self.envelope(.addSuppressionEntry(add), id: "\(envelope.commandID)/dnc-\(index)", by: envelope.actorMemberID, atMicros: envelope.atMicros)
            _ = try await handleSuppression(.add(add), clientID: client, entry, onBehalfOfOutcome: true)
        }
    }
}

extension ContactFacts {
    /// The facts of `contact` in `campaignID`: source, call status there, phone regions and
    /// plaintext custom fields.
    init(_ contact: ContactState, campaignID: String) {
        var custom: [String: String] = [:]
        for field in contact.card.customFields where !field.personal { custom[field.key] = field.plain }
        self.init(
            source: contact.card.source, callStatus: contact.enrolments[campaignID] ?? "", phoneRegions: contact.card.phones.map(\.region),
            custom: custom)
    }
}

extension CallSession.Request {
    var savesOutcome: Bool {
        if case .saveOutcome = self { true } else { false }
    }
}

extension Callstack_V1_DialingMode {
    /// As evidence and the CLI name it: preview, progressive or power.
    public var name: String {
        switch self {
        case .preview: "preview"
        case .progressive: "progressive"
        case .power: "power"
        case .unspecified, .UNRECOGNIZED: "unspecified"
        }
    }
}
