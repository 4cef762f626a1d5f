import CallStackEvents

/// The limits on campaign controls, wherever they are set (workspace defaults or a campaign's
/// brief): every problem is named, with the path of the field that has it.
public enum ControlRules {
    /// The shortest recycle delay the product allows: a contact is never called again within two
    /// minutes of an attempt.
    public static let minimumRecycleDelaySeconds: Int32 = 120
    /// The most lines a power-dialing caller may have.
    public static let maximumLinesPerCaller: Int32 = 10

    static func check(_ dialing: Callstack_V1_DialingControls, at path: String, _ problems: inout Problems) {
        if dialing.hasMode {
            problems.check(dialing.mode != .unspecified, .invalidCommand("\(path).mode must be preview, progressive or power"))
            problems.known(dialing.mode, "\(path).mode")
        }
        if dialing.hasLinesPerCaller {
            problems.check((1...maximumLinesPerCaller).contains(dialing.linesPerCaller),
                .invalidCommand("\(path).lines_per_caller must be 1 to \(maximumLinesPerCaller)"))
            problems.check(dialing.linesPerCaller == 1 || !dialing.hasMode || dialing.mode == .power,
                .invalidCommand("\(path).lines_per_caller above 1 needs power mode"))
        }
        if dialing.hasCallSpacingSeconds {
            problems.check(dialing.callSpacingSeconds >= 0, .invalidCommand("\(path).call_spacing_seconds must not be negative"))
        }
        if dialing.hasMaxAttemptsPerContactPerDay {
            problems.check(dialing.maxAttemptsPerContactPerDay >= 1, .invalidCommand("\(path).max_attempts_per_contact_per_day must be at least 1"))
        }
        if dialing.hasMaxAttemptsPerContact {
            problems.check(dialing.maxAttemptsPerContact >= 1, .invalidCommand("\(path).max_attempts_per_contact must be at least 1"))
        }
        if dialing.hasCallingWindow { check(dialing.callingWindow, at: path + ".calling_window", &problems) }
        if dialing.hasAbandonRateCap {
            let cap = dialing.abandonRateCap
            problems.check((1...10_000).contains(cap.maxBasisPoints), .invalidCommand("\(path).abandon_rate_cap.max_basis_points must be 1 to 10000"))
            problems.check(cap.period != .unspecified, .invalidCommand("\(path).abandon_rate_cap.period is required"))
            problems.known(cap.period, "\(path).abandon_rate_cap.period")
        }
        if dialing.hasFailureRateGuardrail {
            let guardrail = dialing.failureRateGuardrail
            problems.check((1...10_000).contains(guardrail.maxBasisPoints),
                .invalidCommand("\(path).failure_rate_guardrail.max_basis_points must be 1 to 10000"))
            problems.check(guardrail.minCalls >= 0, .invalidCommand("\(path).failure_rate_guardrail.min_calls must not be negative"))
        }
    }

    static func check(_ window: Callstack_V1_CallingWindow, at path: String, _ problems: inout Problems) {
        let start = minutes(window.start), end = minutes(window.end)
        problems.check(start != nil, .invalidCommand("\(path).start must be HH:MM"))
        problems.check(end != nil, .invalidCommand("\(path).end must be HH:MM"))
        if let start, let end { problems.check(start < end, .invalidCommand("\(path) must start before it ends")) }
    }

    static func checkRecycle(_ has: Bool, _ seconds: Int32, at path: String, _ problems: inout Problems) {
        guard has else { return }
        problems.check(seconds >= minimumRecycleDelaySeconds, .invalidCommand("\(path) must be at least \(minimumRecycleDelaySeconds) seconds"))
    }

    static func checkAttempts(_ has: Bool, _ attempts: Int32, at path: String, _ problems: inout Problems) {
        guard has else { return }
        problems.check(attempts >= 1, .invalidCommand("\(path) must be at least 1"))
    }

    /// Minutes after midnight of an "HH:MM" time (00:00 to 24:00); nil when malformed.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60, hours * 60 + minutes <= 24 * 60
        else { return nil }
        return hours * 60 + minutes
    }
}
