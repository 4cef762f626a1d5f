public import CallStackEvents

/// A campaign's dialing health at a moment, from its queue: the abandon rate over the campaign's
/// period against its cap, with the fallback to preview dialing near the cap; the failure rate
/// over the last 24 hours against the failure guardrail; held numbers. Each reason says why.
public struct CampaignHealth: Sendable, Equatable {
    /// Near the cap means at or above this share of it, in basis points of the cap (80%).
    public static let fallbackShareBasisPoints: Int64 = 8_000
    /// The failure guardrail's window.
    public static let failureWindowHours: Int64 = 24

    public let configuredMode: Callstack_V1_DialingMode
    /// The mode in force: preview when power or progressive fell back.
    public let mode: Callstack_V1_DialingMode
    /// Reservations a caller may hold at once: the power mode's lines, else one.
    public let linesPerCaller: Int32
    public let abandonRateBasisPoints: Int32
    public let abandoned: Int32
    public let liveAnswered: Int32
    public let abandonCapBasisPoints: Int32
    public let abandonPeriodHours: Int64
    public let failureRateBasisPoints: Int32
    public let failed: Int32
    public let calls: Int32
    /// Too many failed calls: the campaign should pause, and its list is flagged.
    public let failureGuardrailTripped: Bool
    /// Enrolments held because their number failed on too many separate days.
    public let heldNumbers: Int
    /// Why the mode fell back, why the guardrail tripped; empty when all is well.
    public let reasons: [String]

    public init(_ lanes: CampaignLanes, at now: Int64) {
        let dialing = lanes.rules.controls.dialing
        configuredMode = dialing.mode
        abandonCapBasisPoints = dialing.abandonRateCap.maxBasisPoints
        abandonPeriodHours = dialing.abandonRateCap.period == .abandonRatePeriod24Hours ? 24 : 30 * 24
        (abandonRateBasisPoints, abandoned, liveAnswered) = lanes.abandonRate(hours: abandonPeriodHours, at: now)
        (failureRateBasisPoints, failed, calls) = lanes.failureRate(hours: Self.failureWindowHours, at: now)
        var reasons: [String] = []
        let near = Int64(abandonRateBasisPoints) * 10_000 >= Int64(abandonCapBasisPoints) * Self.fallbackShareBasisPoints
        let period = abandonPeriodHours == 24 ? "24 hours" : "30 days"
        if near, dialing.mode != .preview, liveAnswered > 0 {
            mode = .preview
            reasons.append(
                "abandon rate \(Self.percent(abandonRateBasisPoints)) (\(abandoned) of \(liveAnswered) live-answered calls over \(period)) is near the cap of \(Self.percent(abandonCapBasisPoints)): dialing falls back to preview")
        } else {
            mode = dialing.mode
        }
        linesPerCaller = mode == .power ? max(1, dialing.linesPerCaller) : 1
        let guardrail = dialing.failureRateGuardrail
        failureGuardrailTripped = calls >= guardrail.minCalls && calls > 0 && failureRateBasisPoints > guardrail.maxBasisPoints
        if failureGuardrailTripped {
            reasons.append(
                "list health: \(failed) of \(calls) calls in 24 hours failed (\(Self.percent(failureRateBasisPoints)), guardrail \(Self.percent(guardrail.maxBasisPoints))): the campaign pauses")
        }
        heldNumbers = lanes.held
        if heldNumbers > 0 { reasons.append("\(heldNumbers) numbers held: failed on \(lanes.rules.failedHoldDays) separate days") }
        self.reasons = reasons
    }

    /// Basis points as a percentage, "2.5%".
    public static func percent(_ basisPoints: Int32) -> String {
        let whole = basisPoints / 100
        let fraction = basisPoints % 100
        return fraction == 0 ? "\(whole)%" : fraction % 10 == 0 ? "\(whole).\(fraction / 10)%" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
