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
    /// Folds reused while their stream has not moved.
    let cache: FoldCache

    /// A reader of `log`, decoding through `registry`.
    public init(log: EventLog, registry: EventRegistry = .callstack) {
        self.init(log: log, registry: registry, cache: FoldCache())
    }

    init(log: EventLog, registry: EventRegistry, cache: FoldCache) {
        self.log = log
        self.registry = registry
        self.cache = cache
    }

    /// The workspace's members (roles, activity, labour rates) and clients, as of the head of the log.
    package func workspace() throws -> WorkspaceState {
        try everything().workspace
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
        let folded = try cache.value("workspace", stream: "workspace", in: log) {
            let events = try StreamHistory(of: "workspace", in: log, registry: registry).events
            return WorkspaceFolds(
                workspace: WorkspaceDecider().fold(events.map(WorkspaceEvent.init)), settings: SettingsDecider().fold(events.map(SettingsEvent.init)),
                globalSuppression: SuppressionDecider().fold(events.map { SuppressionEvent($0, list: "") }))
        }
        return (folded.workspace, folded.settings, folded.globalSuppression)
    }

    /// A campaign's status and brief; nil when there is no such campaign.
    package func campaign(_ campaignID: String) throws -> CampaignState? {
        guard let stream = Engine.campaignStream(campaignID) else { return nil }
        let state = try cache.value("campaign:" + campaignID, stream: stream, in: log) {
            CampaignDecider().fold(try StreamHistory(of: stream, in: log, registry: registry).events.map(CampaignEvent.init))
        }
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
        guard !id.isEmpty else { return try everything().globalSuppression }
        let stream = "client-" + id
        return try cache.value("suppression:" + id, stream: stream, in: log) {
            SuppressionDecider().fold(try StreamHistory(of: stream, in: log, registry: registry).events.map { SuppressionEvent($0, list: id) })
        }
    }

    /// The queries `member` may ask, checked against the permission matrix.
    public func queries(as member: String) -> MemberQueries {
        MemberQueries(reader: self, memberID: member)
    }
}

/// The three folds of the `workspace` stream, cached together.
private struct WorkspaceFolds: Sendable {
    let workspace: WorkspaceState
    let settings: SettingsState
    let globalSuppression: SuppressionList
}
