public import CallStackDomain
import CallStackEvents
import EventSourcing
import PersonalData
import Projections

extension Engine {
    /// The preview card of `contactID` in `campaignID` at `time`, as `member` may see it (a Caller
    /// only for campaigns that assign them): nil when the contact does not exist.
    public func previewCard(contact contactID: String, campaign campaignID: String, at time: BusinessTime, asking member: String) throws -> PreviewCard? {
        guard let campaign = try reader.queries(as: member).campaign(campaignID) else { throw DomainRejection.notFound("campaign \(campaignID)") }
        guard let contact = try contact(contactID, asking: member) else { return nil }
        let subject = try DataSubject(.contact, contactID)
        let history = try StreamHistory(of: Self.contactStream(contactID), in: log, registry: registry)
        let state = ContactState.fold(history.events.map(ContactEvent.init))
        let controls = EffectiveSettings.controls(brief: campaign.brief, workspace: try settings().settings.campaignDefaults)
        let window = CallingWindowRule(controls.dialing.callingWindow)
        let numbers = zip(contact.card.phones, state.card.phones).map { opened, recorded in
            let zones = recorded.timeZones.isEmpty ? [recorded.timeZone].filter { !$0.isEmpty } : recorded.timeZones
            var warnings: [String] = []
            if !recorded.valid { warnings.append("possible but not valid") }
            if zones.count > 1 { warnings.append("may be in \(zones.count) time zones: the window must hold in all") }
            if zones.isEmpty { warnings.append("no time zone: it cannot be dialled") }
            let verdict = window?.verdict(at: time, inEvery: zones)
            return PreviewCard.Number(
                number: opened.number, type: recorded.type, valid: recorded.valid, region: recorded.region,
                localTimes: zones.map { "\($0) \(CallingWindowRule.localTime(at: time, in: $0) ?? "unknown")" },
                windowClosed: verdict.flatMap { $0.allows ? nil : $0.description }, warnings: warnings)
        }
        let script = try pinnedScript(campaign.brief.callHandling.script)
        return PreviewCard(
            contact: contact, campaignID: campaignID, atMicros: time.micros, numbers: numbers,
            suppression: try suppression(forContact: contactID, client: campaign.clientID, at: time, asking: member),
            attempts: try attempts(in: history, campaignID: campaignID, subject: subject), script: script,
            playbookSteps: try playbookSteps(campaign.brief.callHandling.playbookTemplate) + campaign.brief.callHandling.playbookSteps,
            outcomes: campaign.brief.callHandling.outcomes, notesRequired: campaign.brief.callHandling.notesRequired,
            placement: try queueEnrolment(contactID, campaign: campaignID, at: time)?.placement)
    }

    /// The attempts of the contact's stream in the campaign, each with its result and outcome.
    private func attempts(in history: StreamHistory, campaignID: String, subject: DataSubject) throws -> [PreviewCard.Attempt] {
        var started: [(String, Int64, String)] = []
        var results: [String: String] = [:]
        var outcomes: [String: Callstack_V1_OutcomeSaved] = [:]
        for event in history.events {
            switch event.message {
            case let dial as Callstack_V1_DialStarted where dial.campaignID == campaignID:
                started.append((dial.callID, dial.occurred.atMicros, dial.callerMemberID))
            case let ended as Callstack_V1_CallEnded where ended.campaignID == campaignID: results[ended.callID] = OutcomeGate.name(ended.result)
            case let saved as Callstack_V1_OutcomeSaved where saved.campaignID == campaignID: outcomes[saved.callID] = saved
            default: break
            }
        }
        return try started.map { callID, at, caller in
            let saved = outcomes[callID]
            return PreviewCard.Attempt(
                callID: callID, startedAtMicros: at, caller: caller, result: results[callID] ?? "in progress", outcomeID: saved?.outcomeID ?? "",
                notes: try saved.map { try keys.open($0.notes, of: subject, field: .outcomeNotes) } ?? .absent)
        }
    }

    /// The script `ref` pins, at that version.
    private func pinnedScript(_ ref: Callstack_V1_VersionRef) throws -> Callstack_V1_ScriptPublished? {
        guard !ref.id.isEmpty else { return nil }
        return try StreamHistory(of: "workspace", in: log, registry: registry).events.lazy
            .compactMap { $0.message as? Callstack_V1_ScriptPublished }.first { $0.scriptID == ref.id && $0.version == ref.version }
    }
}
