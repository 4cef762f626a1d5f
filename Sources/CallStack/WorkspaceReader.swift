package import CallStackDomain
public import CallStackEvents
public import EventLog
import EventSourcing

/// The workspace's state as the log holds it: members and clients, settings, campaigns and
/// suppression lists, each folded from its stream when asked. It needs only the log (a read-only
/// one will do), not the key store: the `callstack` inspecting commands use it beside a running
/// service. Outside this package every question goes through ``queries(as:)``, as a member,
/// checked against the permission matrix; the unchecked folds are the package's own.
public struct WorkspaceReader: Sendable {
    /// The log it reads.
    public let log: EventLog
    let registry: EventRegistry

    /// A reader of `log`, decoding through `registry`.
    public init(log: EventLog, registry: EventRegistry = .callstack) {
        self.log = log
        self.registry = registry
    }

    /// The workspace's members (roles, activity, labour rates) and clients, as of the head of the log.
    package func workspace() throws -> WorkspaceState {
        WorkspaceDecider().fold(try StreamHistory(of: "workspace", in: log, registry: registry).events.map(WorkspaceEvent.init))
    }

    /// The workspace's settings, billing plan, scripts and playbook templates.
    package func settings() throws -> SettingsState {
        try workspaceAndSettings().settings
    }

    /// The workspace and its settings from one read of the `workspace` stream.
    func workspaceAndSettings() throws -> (workspace: WorkspaceState, settings: SettingsState) {
        let all = try everything()
        return (all.workspace, all.settings)
    }

    /// The workspace, its settings and the global suppression list, all from one read of the
    /// `workspace` stream (the three live on it).
    func everything() throws -> (workspace: WorkspaceState, settings: SettingsState, globalSuppression: SuppressionList) {
        let events = try StreamHistory(of: "workspace", in: log, registry: registry).events
        return (
            WorkspaceDecider().fold(events.map(WorkspaceEvent.init)), SettingsDecider().fold(events.map(SettingsEvent.init)),
            SuppressionDecider().fold(events.map { SuppressionEvent($0, list: "") })
        )
    }

    /// A campaign's status and brief; nil when there is no such campaign.
    package func campaign(_ campaignID: String) throws -> CampaignState? {
        guard let stream = Engine.campaignStream(campaignID) else { return nil }
        let state = CampaignDecider().fold(try StreamHistory(of: stream, in: log, registry: registry).events.map(CampaignEvent.init))
        return state.exists ? state : nil
    }

    /// The entry that suppresses a phone or an email for `client`'s campaigns at `time` (the global
    /// list first, then the client's); nil when they may be called.
    package func suppression(phone: E164Phone?, email: String?, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        SuppressionList.match(
            global: try suppressionList(client: nil), client: try client.map { try suppressionList(client: $0) },
            phone: phone, email: email, at: time)
    }

    /// The global list (`client` nil) or a client's list, as its events leave it.
    package func suppressionList(client: String?) throws -> SuppressionList {
        let id = client ?? ""
        let stream = id.isEmpty ? "workspace" : "client-" + id
        return SuppressionDecider().fold(
            try StreamHistory(of: stream, in: log, registry: registry).events.map { SuppressionEvent($0, list: id) })
    }

    /// The queries `member` may ask, checked against the permission matrix.
    public func queries(as member: String) -> MemberQueries {
        MemberQueries(reader: self, memberID: member)
    }
}
