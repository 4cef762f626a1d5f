public import CallStackEvents

/// The campaign lifecycle: draft → active ⇄ paused → completed → archived. A draft may also be
/// archived unlaunched; nothing leaves archived.
public enum CampaignLifecycle {
    /// Status → the statuses it may move to.
    public static let transitions: [Callstack_V1_CampaignStatus: [Callstack_V1_CampaignStatus]] = [
        .draft: [.active, .archived],
        .active: [.paused, .completed],
        .paused: [.active, .completed],
        .completed: [.archived],
        .archived: [],
    ]

    /// True when a campaign may go from `from` to `to`.
    public static func allows(_ from: Callstack_V1_CampaignStatus, _ to: Callstack_V1_CampaignStatus) -> Bool {
        transitions[from]?.contains(to) ?? false
    }

    /// The brief may be edited while the campaign is not over.
    public static func isEditable(_ status: Callstack_V1_CampaignStatus) -> Bool {
        status == .draft || status == .active || status == .paused
    }

    /// The lowercase name of a status, as messages print it.
    public static func name(_ status: Callstack_V1_CampaignStatus) -> String {
        switch status {
        case .draft: "draft"
        case .active: "active"
        case .paused: "paused"
        case .completed: "completed"
        case .archived: "archived"
        case .unspecified, .UNRECOGNIZED: "unspecified"
        }
    }
}
