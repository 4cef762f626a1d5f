package import CallStackDomain

/// The engine's queries: ``WorkspaceReader``'s, over the engine's log. Embedders ask them through
/// ``queries(as:)``, checked against the permission matrix; the unchecked ones are the package's
/// own (the CLI as the store's operator, tests).
extension Engine {
    /// The reader of the engine's log.
    package var reader: WorkspaceReader { WorkspaceReader(log: log, registry: registry, cache: folds) }

    /// The stream of a campaign; nil for an id that cannot name one (empty, over 200 bytes, or
    /// holding ':' or NUL).
    public static func campaignStream(_ campaignID: String) -> String? {
        guard Problems.isValidID(campaignID) else { return nil }
        return "campaign-" + campaignID
    }

    /// ``WorkspaceReader/workspace()``.
    package func workspace() throws -> WorkspaceState { try reader.workspace() }

    /// ``WorkspaceReader/settings()``.
    package func settings() throws -> SettingsState { try reader.settings() }

    func workspaceAndSettings() throws -> (workspace: WorkspaceState, settings: SettingsState) { try reader.workspaceAndSettings() }

    /// ``WorkspaceReader/suppression(phone:email:client:at:)``: every role may ask this of a
    /// contact it can see (callers see suppression state in preview); listing the entries is the
    /// `readSuppression` query.
    package func suppression(phone: E164Phone?, email: String?, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        try reader.suppression(phone: phone, email: email, client: client, at: time)
    }

    /// ``WorkspaceReader/suppressionList(client:)``.
    package func suppressionList(client: String?) throws -> SuppressionList { try reader.suppressionList(client: client) }

    /// The queries `member` may ask, checked against the permission matrix.
    public func queries(as member: String) -> MemberQueries { reader.queries(as: member) }
}
