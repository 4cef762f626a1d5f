public import CallStackDomain
public import CallStackEvents

/// A campaign's queue rules, resolved from its brief over the workspace's campaign defaults and
/// the built-in ones: recycle delays and attempt caps (per outcome too), the hot-lead
/// service-level time, the staleness threshold, the failed-number hold, the contact value field
/// and the routing rules.
public struct LaneRules: Sendable, Equatable {
    public var brief = Callstack_V1_CampaignBrief()
    public var recycleDelayMicros: Int64 = 3_600_000_000
    public var maxAttempts: Int32 = 6
    public var maxAttemptsPerDay: Int32 = 3
    public var spacingMicros: Int64 = 0
    public var hotLeadSLAMicros: Int64 = 900_000_000
    public var stalenessMicros: Int64 = 7 * 86_400_000_000
    public var failedHoldDays: Int32 = 3
    public var controls = EffectiveSettings.builtIn
    /// Outcome id → (recycle delay, attempt cap) where the outcome overrides the campaign's.
    var outcomeDelay: [String: Int64] = [:]
    var outcomeCap: [String: Int32] = [:]

    /// Built-in defaults for a hot lead's service-level time, staleness and the failed-number hold.
    public static let defaultHotLeadSLASeconds: Int32 = 900
    public static let defaultStalenessSeconds: Int32 = 7 * 86_400
    public static let defaultFailedHoldDays: Int32 = 3

    public init() {}

    public init(brief: Callstack_V1_CampaignBrief, workspace: Callstack_V1_CampaignDefaults) {
        self.brief = brief
        controls = EffectiveSettings.controls(brief: brief, workspace: workspace)
        recycleDelayMicros = Int64(controls.recycleDelaySeconds) * 1_000_000
        maxAttempts = min(controls.maxAttempts, controls.dialing.maxAttemptsPerContact)
        maxAttemptsPerDay = controls.dialing.maxAttemptsPerContactPerDay
        spacingMicros = Int64(controls.dialing.callSpacingSeconds) * 1_000_000
        let handling = brief.callHandling
        hotLeadSLAMicros = Int64(handling.hasHotLeadSlaSeconds ? handling.hotLeadSlaSeconds : Self.defaultHotLeadSLASeconds) * 1_000_000
        stalenessMicros = Int64(handling.hasStalenessSeconds ? handling.stalenessSeconds : Self.defaultStalenessSeconds) * 1_000_000
        failedHoldDays = handling.hasFailedNumberHoldDays ? handling.failedNumberHoldDays : Self.defaultFailedHoldDays
        for outcome in handling.outcomes {
            if outcome.hasRecycleDelaySeconds { outcomeDelay[outcome.outcomeID] = Int64(outcome.recycleDelaySeconds) * 1_000_000 }
            if outcome.hasMaxAttempts { outcomeCap[outcome.outcomeID] = outcome.maxAttempts }
        }
    }

    /// The recycle delay after `outcome`.
    public func recycleDelay(after outcome: String) -> Int64 { outcomeDelay[outcome] ?? recycleDelayMicros }

    /// The attempt cap after `outcome`: the campaign's, lowered by the outcome's own.
    public func attemptCap(after outcome: String) -> Int32 { min(maxAttempts, outcomeCap[outcome] ?? .max) }

    /// The routing rules' verdict for a contact: the highest `set_priority` among the rules that
    /// match (0 when none), and the first `assign_to_member_id`.
    public func routing(_ facts: ContactFacts) -> (priority: Int32, member: String) {
        var priority: Int32?
        var member = ""
        for rule in brief.audience.routingRules where facts.satisfies(rule.when) {
            switch rule.route {
            case .setPriority(let value): priority = max(priority ?? value, value)
            case .assignToMemberID(let id) where member.isEmpty: member = id
            default: break
            }
        }
        return (priority ?? 0, member)
    }

    /// The contact's value: the plaintext number in the brief's contact value field, 0 to 999,999.
    public func value(_ facts: ContactFacts) -> Int64 {
        let field = brief.callHandling.contactValueField
        guard !field.isEmpty, let text = facts.custom[field], let number = Double(text), number.isFinite else { return 0 }
        return Int64(min(max(number, 0), 999_999))
    }
}
