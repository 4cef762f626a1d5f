public import CallStackEvents
import Foundation
import SwiftProtobuf

/// A campaign's controls as they apply: each value from the campaign's brief when it sets it,
/// else from the workspace's campaign defaults, else built in; and where each came from.
public struct EffectiveSettings: Sendable, Equatable {
    /// Where an effective value came from.
    public enum Source: String, Sendable, Equatable, CustomStringConvertible {
        case outcome, campaign, workspace
        case builtIn = "built-in"

        public var description: String { rawValue }
    }

    /// One resolved value: its field path (proto names), its value as text, and its source.
    public struct Value: Sendable, Equatable {
        /// The control's path in proto field names, such as `dialing.mode`.
        public let path: String
        /// Its value in protobuf text format, such as `DIALING_MODE_POWER`.
        public let value: String
        /// Where it came from.
        public let source: Source

        /// A resolved value.
        public init(path: String, value: String, source: Source) {
            self.path = path
            self.value = value
            self.source = source
        }
    }

    /// Every control, set.
    public let controls: Callstack_V1_CampaignDefaults
    /// The provenance of every control, in field order, then each outcome's recycle delay and
    /// maximum attempts (`outcomes.<id>.recycle_delay_seconds`).
    public let values: [Value]

    /// The controls with nothing set anywhere: preview dialing, one line, no shift required, no
    /// spacing, 3 attempts a day, 10 per contact, calling 08:00–21:00, abandon cap 3% per 30 days,
    /// failures capped at 20% after 50 calls, recycle after an hour, 6 attempts.
    public static let builtIn: Callstack_V1_CampaignDefaults = {
        var defaults = Callstack_V1_CampaignDefaults()
        defaults.dialing.mode = .preview
        defaults.dialing.linesPerCaller = 1
        defaults.dialing.requireActiveShift = false
        defaults.dialing.callSpacingSeconds = 0
        defaults.dialing.maxAttemptsPerContactPerDay = 3
        defaults.dialing.maxAttemptsPerContact = 10
        defaults.dialing.callingWindow.start = "08:00"
        defaults.dialing.callingWindow.end = "21:00"
        defaults.dialing.abandonRateCap.maxBasisPoints = 300
        defaults.dialing.abandonRateCap.period = .abandonRatePeriod30Days
        defaults.dialing.failureRateGuardrail.maxBasisPoints = 2_000
        defaults.dialing.failureRateGuardrail.minCalls = 50
        defaults.recycleDelaySeconds = 3_600
        defaults.maxAttempts = 6
        return defaults
    }()

    /// Resolves `brief` over `workspace` (the workspace's `campaign_defaults`).
    public init(brief: Callstack_V1_CampaignBrief, workspace: Callstack_V1_CampaignDefaults) {
        self.init(brief: brief, workspace: workspace, explained: true)
    }

    /// Only the resolved controls, without saying where each came from: what the hot paths
    /// (every dial, every queue rule) need, at a fraction of the cost.
    public static func controls(brief: Callstack_V1_CampaignBrief, workspace: Callstack_V1_CampaignDefaults) -> Callstack_V1_CampaignDefaults {
        EffectiveSettings(brief: brief, workspace: workspace, explained: false).controls
    }

    private init(brief: Callstack_V1_CampaignBrief, workspace: Callstack_V1_CampaignDefaults, explained: Bool) {
        var campaign = Callstack_V1_CampaignDefaults()
        campaign.dialing = brief.dialing
        if brief.callHandling.hasRecycleDelaySeconds { campaign.recycleDelaySeconds = brief.callHandling.recycleDelaySeconds }
        if brief.callHandling.hasMaxAttempts { campaign.maxAttempts = brief.callHandling.maxAttempts }
        var resolver = Resolver(layers: [(.campaign, campaign), (.workspace, workspace), (.builtIn, Self.builtIn)], explained: explained)
        resolver.field("dialing.mode", \.dialing.mode, has: \.dialing.hasMode)
        resolver.field("dialing.lines_per_caller", \.dialing.linesPerCaller, has: \.dialing.hasLinesPerCaller)
        resolver.field("dialing.require_active_shift", \.dialing.requireActiveShift, has: \.dialing.hasRequireActiveShift)
        resolver.field("dialing.call_spacing_seconds", \.dialing.callSpacingSeconds, has: \.dialing.hasCallSpacingSeconds)
        resolver.field("dialing.max_attempts_per_contact_per_day", \.dialing.maxAttemptsPerContactPerDay, has: \.dialing.hasMaxAttemptsPerContactPerDay)
        resolver.field("dialing.max_attempts_per_contact", \.dialing.maxAttemptsPerContact, has: \.dialing.hasMaxAttemptsPerContact)
        resolver.field("dialing.calling_window", \.dialing.callingWindow, has: \.dialing.hasCallingWindow)
        resolver.field("dialing.abandon_rate_cap", \.dialing.abandonRateCap, has: \.dialing.hasAbandonRateCap)
        resolver.field("dialing.failure_rate_guardrail", \.dialing.failureRateGuardrail, has: \.dialing.hasFailureRateGuardrail)
        resolver.field("recycle_delay_seconds", \.recycleDelaySeconds, has: \.hasRecycleDelaySeconds)
        resolver.field("max_attempts", \.maxAttempts, has: \.hasMaxAttempts)
        for outcome in brief.callHandling.outcomes where explained {
            resolver.outcome(outcome)
        }
        controls = resolver.resolved
        values = resolver.values
    }

    /// The value of `path`, such as `dialing.mode`; nil for a path it does not have.
    public func value(_ path: String) -> Value? {
        values.first { $0.path == path }
    }

    private struct Resolver {
        let layers: [(Source, Callstack_V1_CampaignDefaults)]
        /// Record each value's text and source (``EffectiveSettings/values``).
        let explained: Bool
        var resolved = Callstack_V1_CampaignDefaults()
        var values: [Value] = []

        mutating func field<V>(
            _ path: String, _ value: WritableKeyPath<Callstack_V1_CampaignDefaults, V>, has: KeyPath<Callstack_V1_CampaignDefaults, Bool>
        ) {
            guard let (source, layer) = layers.first(where: { $0.1[keyPath: has] }) else { return }
            resolved[keyPath: value] = layer[keyPath: value]
            guard explained else { return }
            var only = Callstack_V1_CampaignDefaults()
            only[keyPath: value] = layer[keyPath: value]
            values.append(Value(path: path, value: Self.text(of: path, in: only), source: source))
        }

        mutating func outcome(_ outcome: Callstack_V1_OutcomeDefinition) {
            let recycle = outcome.hasRecycleDelaySeconds
                ? (outcome.recycleDelaySeconds, Source.outcome) : (resolved.recycleDelaySeconds, source(of: "recycle_delay_seconds"))
            let attempts = outcome.hasMaxAttempts ? (outcome.maxAttempts, Source.outcome) : (resolved.maxAttempts, source(of: "max_attempts"))
            values.append(Value(path: "outcomes.\(outcome.outcomeID).recycle_delay_seconds", value: String(recycle.0), source: recycle.1))
            values.append(Value(path: "outcomes.\(outcome.outcomeID).max_attempts", value: String(attempts.0), source: attempts.1))
        }

        /// Where the campaign-wide value at `path` came from.
        private func source(of path: String) -> Source {
            values.first { $0.path == path }?.source ?? .builtIn
        }

        /// The value at `path` of a message holding nothing else, in protobuf text format on one
        /// line: `DIALING_MODE_POWER`, `3`, `start: "09:00" end: "18:00"`.
        private static func text(of path: String, in only: Callstack_V1_CampaignDefaults) -> String {
            var text = only.textFormatString().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            for name in path.split(separator: ".") {
                if text.hasPrefix("\(name) { "), text.hasSuffix(" }") {
                    text = String(text.dropFirst(name.count + 3).dropLast(2))
                } else if text.hasPrefix("\(name): ") {
                    text = String(text.dropFirst(name.count + 2))
                }
            }
            return text
        }
    }
}
