public import CallStackEvents

/// The workspace's settings as the `workspace` stream has them: the settings document, the billing
/// plan, and the latest version of each script and playbook template.
public struct SettingsState: Sendable, Equatable {
    /// The whole settings document.
    public var settings = Callstack_V1_WorkspaceSettings()
    /// Unspecified until a Team Admin chooses one.
    public var billingPlan: Callstack_V1_BillingPlan = .unspecified
    /// Seats of the billing plan.
    public var seats: Int32 = 0
    /// Script id → its latest published version.
    public var scripts: [String: Int32] = [:]
    /// Playbook template id → its latest published version.
    public var playbookTemplates: [String: Int32] = [:]
    /// Mapping memory: header signature (``ContactImport/ColumnHeader/signature(_:)``) → the field
    /// of each column, as last saved.
    public var importMappings: [String: [String]] = [:]

    public init() {}

    /// The call statuses in force: the workspace's own, or the defaults when it has none.
    public var callStatuses: [Callstack_V1_CallStatusDefinition] { Self.callStatuses(in: settings) }

    /// The product's default call statuses: new, attempting, contacted, callback, qualified, won,
    /// lost, do-not-call, invalid (the last four final).
    public static let defaultCallStatuses: [Callstack_V1_CallStatusDefinition] = [
        ("new", "New", false), ("attempting", "Attempting", false), ("contacted", "Contacted", false),
        ("callback", "Callback", false), ("qualified", "Qualified", false), ("won", "Won", true), ("lost", "Lost", true),
        ("do-not-call", "Do not call", true), ("invalid", "Invalid", true),
    ].map { id, label, final in
        var status = Callstack_V1_CallStatusDefinition()
        status.statusID = id
        status.label = label
        status.final = final
        return status
    }

    static func callStatuses(in settings: Callstack_V1_WorkspaceSettings) -> [Callstack_V1_CallStatusDefinition] {
        settings.callStatuses.isEmpty ? defaultCallStatuses : settings.callStatuses
    }

    /// True when `version` of script `id` has been published.
    public func hasScript(_ id: String, version: Int32) -> Bool {
        version >= 1 && version <= scripts[id, default: 0]
    }

    /// True when `version` of playbook template `id` has been published.
    public func hasPlaybookTemplate(_ id: String, version: Int32) -> Bool {
        version >= 1 && version <= playbookTemplates[id, default: 0]
    }
}
