public import CallStackEvents
import Foundation

/// What stands between a call and its saved outcome: the campaign's outcome definition names
/// what it requires (notes, playbook steps, qualification, a meeting, an opportunity, revenue, a
/// callback, a follow-up), and the campaign may require notes for every outcome. Pure: the
/// capture is checked against the brief at `now`, when the outcome is saved, and every missing or
/// invalid item is named at once, never just the first. A requirement this build does not know
/// (from a later contract) refuses the outcome rather than pass it unchecked.
///
/// Details given without being required are checked too: a callback in the past is wrong
/// whatever the outcome.
public struct OutcomeGate: Sendable {
    /// One thing the capture lacks, or has wrong.
    public enum Missing: Sendable, Equatable, CustomStringConvertible {
        /// No outcome of the campaign has this id.
        case outcome(String)
        /// The outcome has a requirement this build cannot check.
        case unknownRequirement(Int)
        case notes
        /// A required playbook step not marked done, by step id.
        case playbookStep(String)
        /// A qualification criterion not answered.
        case qualification(String)
        case meeting(String)
        case opportunity(String)
        case revenue(String)
        case callback(String)
        case followUp(String)
        /// The outcome's flags say the contact answered, but the call did not connect.
        case result(outcome: String, ended: String)

        public var description: String {
            switch self {
            case .outcome(let id): id.isEmpty ? "an outcome is required" : "the campaign has no outcome \(id)"
            case .unknownRequirement(let value): "the outcome has a requirement (\(value)) this version cannot check"
            case .notes: "notes are required"
            case .playbookStep(let id): "playbook step \(id) is required"
            case .qualification(let criterion): "qualification criterion \"\(criterion)\" needs an answer"
            case .meeting(let why): "meeting: \(why)"
            case .opportunity(let why): "opportunity: \(why)"
            case .revenue(let why): "revenue: \(why)"
            case .callback(let why): "callback: \(why)"
            case .followUp(let why): "follow-up: \(why)"
            case .result(let outcome, let ended): "outcome \(outcome) means the contact answered, but the call ended \(ended)"
            }
        }
    }

    public let brief: Callstack_V1_CampaignBrief
    /// The steps of the playbook template the brief pins, at its pinned version (the campaign's
    /// own steps come from the brief).
    public let templateSteps: [Callstack_V1_PlaybookStep]

    public init(brief: Callstack_V1_CampaignBrief, templateSteps: [Callstack_V1_PlaybookStep] = []) {
        self.brief = brief
        self.templateSteps = templateSteps
    }

    /// The outcome `capture` saves, or one rejection naming everything it lacks or has wrong.
    ///
    /// - Parameter result: how the call ended, when there was one: an outcome whose flags mean the
    ///   contact answered (connect, human answered, meeting, qualified lead, opportunity, hot
    ///   lead, callback, do not call) needs a connected call.
    public func check(
        _ capture: Callstack_V1_OutcomeCapture, after result: Callstack_V1_SystemResult? = nil, at now: BusinessTime
    ) -> Result<Callstack_V1_OutcomeDefinition, DomainRejection> {
        let missing = missing(capture, after: result, at: now)
        guard let outcome = brief.callHandling.outcomes.first(where: { $0.outcomeID == capture.outcomeID }), missing.isEmpty else {
            return .failure(DomainRejection.of(missing.map { .invalidCommand($0.description) }) ?? .invalidCommand("the outcome cannot be saved"))
        }
        return .success(outcome)
    }

    /// Everything `capture` lacks for its outcome, or has wrong, at `now`; empty when it may be saved.
    public func missing(
        _ capture: Callstack_V1_OutcomeCapture, after result: Callstack_V1_SystemResult? = nil, at now: BusinessTime
    ) -> [Missing] {
        guard let outcome = brief.callHandling.outcomes.first(where: { $0.outcomeID == capture.outcomeID }) else {
            return [.outcome(capture.outcomeID)]
        }
        let requires = Set(outcome.requirements)
        var missing: [Missing] = requires.filter { Self.known[$0] == nil }.map(\.rawValue).sorted().map(Missing.unknownRequirement)
        if let result, result != .connected, outcome.flags.contains(where: Self.answeredFlags.contains) {
            missing.append(.result(outcome: outcome.outcomeID, ended: Self.name(result)))
        }
        if (requires.contains(.notes) || brief.callHandling.notesRequired)
            && capture.notes.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        {
            missing.append(.notes)
        }
        if requires.contains(.playbookSteps) {
            let done = Set(capture.playbookStepsDone)
            missing += Self.once((templateSteps + brief.callHandling.playbookSteps).filter { $0.required && !done.contains($0.stepID) }.map(\.stepID))
                .map(Missing.playbookStep)
        }
        if requires.contains(.qualification) {
            let answered = Set(capture.qualification.map(\.criterion))
            missing += Self.once(brief.audience.qualificationCriteria.filter { !answered.contains($0) }).map(Missing.qualification)
        }
        missing += details(capture, requires, now)
        return missing
    }

    /// The details the outcome requires, and any given, checked.
    private func details(_ capture: Callstack_V1_OutcomeCapture, _ requires: Set<Callstack_V1_OutcomeRequirement>, _ now: BusinessTime) -> [Missing] {
        var missing: [Missing] = []
        if capture.hasMeeting {
            if capture.meeting.startsAtMicros <= now.micros { missing.append(.meeting("it must start after the call")) }
            if !(1...1_440).contains(capture.meeting.durationMinutes) { missing.append(.meeting("its duration must be 1 to 1,440 minutes")) }
        } else if requires.contains(.meeting) {
            missing.append(.meeting("the outcome requires one"))
        }
        if capture.hasOpportunity {
            if capture.opportunity.opportunityID.isEmpty { missing.append(.opportunity("it needs an id")) }
            if let why = Self.amountProblem(capture.opportunity.amount) { missing.append(.opportunity(why)) }
        } else if requires.contains(.opportunity) {
            missing.append(.opportunity("the outcome requires one"))
        }
        if capture.hasRevenue {
            if let why = Self.amountProblem(capture.revenue.amount) { missing.append(.revenue(why)) }
        } else if requires.contains(.revenue) {
            missing.append(.revenue("the outcome requires it"))
        }
        if capture.hasCallback {
            if capture.callback.dueAtMicros <= now.micros { missing.append(.callback("it must be due after the call")) }
        } else if requires.contains(.callback) {
            missing.append(.callback("the outcome requires one"))
        }
        if capture.hasFollowUp {
            if capture.followUp.dueAtMicros <= now.micros { missing.append(.followUp("it must be due after the call")) }
            if capture.followUp.action.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { missing.append(.followUp("it needs an action")) }
        } else if requires.contains(.followUp) {
            missing.append(.followUp("the outcome requires one"))
        }
        return missing
    }

    /// The requirements this build checks.
    private static let known: [Callstack_V1_OutcomeRequirement: Bool] = [
        .notes: true, .playbookSteps: true, .qualification: true, .meeting: true, .opportunity: true, .revenue: true, .callback: true,
        .followUp: true,
    ]

    /// Flags that mean a person answered: they need a connected call.
    static let answeredFlags: Set<Callstack_V1_OutcomeFlag> = [
        .humanAnswered, .connect, .meeting, .qualifiedLead, .opportunity, .hotLead, .callback, .doNotCall,
    ]

    /// A system result as rejections and explanations name it.
    public static func name(_ result: Callstack_V1_SystemResult) -> String {
        switch result {
        case .noAnswer: "no answer"
        case .busy: "busy"
        case .voicemail: "voicemail"
        case .failed: "failed"
        case .abandoned: "abandoned"
        case .connected: "connected"
        case .unspecified, .UNRECOGNIZED: "unspecified"
        }
    }

    /// `values` without repeats, in their first order.
    private static func once(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// Why an amount is not a positive amount of a currency; nil when it is.
    private static func amountProblem(_ amount: Callstack_V1_Money) -> String? {
        guard let money = try? Money(amount) else { return "the amount needs a three-letter ISO 4217 currency" }
        return money.minorUnits > 0 ? nil : "the amount must be positive"
    }
}
