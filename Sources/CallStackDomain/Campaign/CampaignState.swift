public import CallStackEvents

/// A campaign as its decider sees it: its status and its whole brief.
public struct CampaignState: Sendable, Equatable {
    /// Empty until the campaign is created.
    public var campaignID = ""
    /// Draft once created; see ``CampaignLifecycle``.
    public var status: Callstack_V1_CampaignStatus = .unspecified
    /// The whole operating brief.
    public var brief = Callstack_V1_CampaignBrief()

    public init() {}

    /// True once the campaign has been created.
    public var exists: Bool { !campaignID.isEmpty }

    /// The client the campaign works for.
    public var clientID: String { brief.identity.clientID }

    /// What the brief still lacks before the campaign may be active: at least one final outcome,
    /// and a calling window, its own or the workspace defaults' (the built-in 08:00–21:00 is a
    /// fallback, not a decision).
    public static func activationGaps(_ brief: Callstack_V1_CampaignBrief, workspace defaults: Callstack_V1_CampaignDefaults) -> [String] {
        var gaps: [String] = []
        if !brief.callHandling.outcomes.contains(where: { $0.flags.contains(.final) }) {
            gaps.append("the brief needs at least one final outcome (call_handling.outcomes with flag FINAL)")
        }
        if !brief.dialing.hasCallingWindow && !defaults.dialing.hasCallingWindow {
            gaps.append("the brief needs a calling window (dialing.calling_window, or the workspace's campaign defaults)")
        }
        return gaps
    }
}
