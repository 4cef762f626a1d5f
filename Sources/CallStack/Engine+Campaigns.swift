public import CallStackDomain
import CallStackEvents
import EventSourcing

extension Engine {
    /// The stream of a campaign; nil for an id that cannot name one (empty, over 200 bytes, or
    /// holding ':' or NUL).
    public static func campaignStream(_ campaignID: String) -> String? {
        guard !campaignID.isEmpty, campaignID.utf8.count <= 200, !campaignID.contains(":"), !campaignID.utf8.contains(0) else { return nil }
        return "campaign-" + campaignID
    }

    /// The workspace's settings, billing plan, scripts and playbook templates, as of the head of the log.
    public func settings() throws -> SettingsState {
        try workspaceAndSettings().settings
    }

    /// The workspace and its settings from one read of the `workspace` stream.
    func workspaceAndSettings() throws -> (workspace: WorkspaceState, settings: SettingsState) {
        let events = try StreamHistory(of: "workspace", in: log, registry: registry).events
        return (WorkspaceDecider().fold(events.map(WorkspaceEvent.init)), SettingsDecider().fold(events.map(SettingsEvent.init)))
    }

    /// A campaign's status and brief; nil when there is no such campaign.
    public func campaign(_ campaignID: String) throws -> CampaignState? {
        guard let stream = Self.campaignStream(campaignID) else { return nil }
        let state = CampaignDecider().fold(try StreamHistory(of: stream, in: log, registry: registry).events.map(CampaignEvent.init))
        return state.exists ? state : nil
    }

    /// A campaign's controls as they apply, each with where it came from (the brief, the
    /// workspace's campaign defaults, or built in); nil when there is no such campaign.
    public func effectiveSettings(campaign campaignID: String) throws -> EffectiveSettings? {
        guard let campaign = try campaign(campaignID) else { return nil }
        return EffectiveSettings(brief: campaign.brief, workspace: try settings().settings.campaignDefaults)
    }
}
