public import CallStackDomain
import CallStackEvents
import EventSourcing
public import Projections

/// The engine's queries as one member may ask them: each is checked against the
/// ``PermissionMatrix`` with the member's role as the workspace knows it now, and refused with a
/// ``DomainRejection`` otherwise.
///
/// ```swift
/// let view = engine.queries(as: "bo")
/// let entries = try view.suppressionEntries(client: "acme")   // notAuthorized for a Caller
/// ```
public struct MemberQueries: Sendable {
    let reader: WorkspaceReader
    /// The member who asks.
    public let memberID: String

    /// The workspace's members and clients (`readWorkspace`).
    public func workspace() throws -> WorkspaceState {
        let state = try reader.workspace()
        try allow(.readWorkspace, in: state)
        return state
    }

    /// The entries of the global list (`client` nil) or a client's list, by id (`readSuppression`).
    public func suppressionEntries(client: String? = nil) throws -> [SuppressionEntry] {
        try allow(.readSuppression, in: try reader.workspace())
        let list = try reader.suppressionList(client: client)
        return list.ordered
    }

    /// Whether a contact's phone or email may be called for `client`'s campaigns (`readContacts`:
    /// callers see it in preview).
    public func suppression(phone: E164Phone?, email: String?, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        try allow(.readContacts, in: try reader.workspace())
        return try reader.suppression(phone: phone, email: email, client: client, at: time)
    }

    /// The workspace's settings, billing plan, scripts and playbook templates (`readWorkspace`).
    public func settings() throws -> SettingsState {
        let (workspace, settings) = try reader.workspaceAndSettings()
        try allow(.readWorkspace, in: workspace)
        return settings
    }

    /// A campaign's status and brief (`readCampaigns`; a Caller reads only the campaigns they are
    /// assigned to). Nil when there is no such campaign.
    public func campaign(_ campaignID: String) throws -> CampaignState? {
        try scopedCampaign(campaignID, in: try reader.workspace())
    }

    /// A campaign's effective controls with their provenance (`readCampaigns`, scoped like
    /// ``campaign(_:)``).
    public func effectiveSettings(campaign campaignID: String) throws -> EffectiveSettings? {
        let (workspace, settings) = try reader.workspaceAndSettings()
        guard let campaign = try scopedCampaign(campaignID, in: workspace) else { return nil }
        return EffectiveSettings(brief: campaign.brief, workspace: settings.settings.campaignDefaults)
    }

    private func scopedCampaign(_ campaignID: String, in workspace: WorkspaceState) throws -> CampaignState? {
        try allow(.readCampaigns, in: workspace)
        guard let campaign = try reader.campaign(campaignID) else { return nil }
        try allowScope(campaign, in: workspace)
        return campaign
    }

    /// Every import's history: file, mapping, counts, each row's outcome (`readImports`).
    public func importHistory() throws -> [String: ImportHistoryProjector.Import] {
        try allow(.readImports)
        var projection = Projection(ImportHistoryProjector())
        try projection.catchUp(from: reader.log, registry: reader.registry)
        return projection.state
    }

    /// One import's history (`readImports`), folded from its own stream only; nil when there is
    /// no such import.
    public func importHistory(_ importID: String) throws -> ImportHistoryProjector.Import? {
        try allow(.readImports)
        let projector = ImportHistoryProjector()
        var state = projector.initialState
        for event in try StreamHistory(of: "import-" + importID, in: reader.log, registry: reader.registry).events { projector.apply(&state, event) }
        return state[importID]
    }

    private func allowScope(_ campaign: CampaignState, in workspace: WorkspaceState) throws {
        guard workspace.activeRole(of: memberID) == .caller, !campaign.brief.identity.assignedCallerIds.contains(memberID) else { return }
        let others = (PermissionMatrix.standard.allowed[.readCampaigns] ?? []).subtracting([.caller]).sorted().map(\.description)
        throw DomainRejection.notAuthorized(
            actor: memberID, action: Action.readCampaigns.description + " they are not assigned to", requires: others.joined(separator: " or "))
    }

    /// Throws unless the member's current role allows `action`.
    func allow(_ action: Action) throws {
        try allow(action, in: try reader.workspace())
    }

    /// Throws unless `state` gives the member a role that allows `action`.
    func allow(_ action: Action, in state: WorkspaceState) throws {
        try PermissionMatrix.standard.check(state.actor(memberID, atMicros: 0), action).get()
    }
}
