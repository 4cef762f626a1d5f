import CallStackDomain
import CallStackEvents
import SwiftProtobuf
import Testing

@Suite("Outcome gating")
struct OutcomeGateTests {
    static let now = BusinessTime(micros: 1_800_000_000_000_000)
    static let later = now.micros + 86_400_000_000

    /// Outcomes: `meeting` (notes, meeting, qualification, playbook steps), `won` (opportunity,
    /// revenue), `callback` (a callback), `follow` (a follow-up), `no-answer` (nothing).
    static let brief: Callstack_V1_CampaignBrief = .with {
        $0.audience.qualificationCriteria = ["budget", "authority"]
        $0.callHandling.playbookSteps = [
            .with { $0.stepID = "intro"; $0.required = true }, .with { $0.stepID = "pitch" }, .with { $0.stepID = "close"; $0.required = true },
        ]
        $0.callHandling.outcomes = [
            .with { $0.outcomeID = "meeting"; $0.requirements = [.notes, .meeting, .qualification, .playbookSteps] },
            .with { $0.outcomeID = "won"; $0.requirements = [.opportunity, .revenue] },
            .with { $0.outcomeID = "callback"; $0.requirements = [.callback] },
            .with { $0.outcomeID = "follow"; $0.requirements = [.followUp] },
            .with { $0.outcomeID = "no-answer" },
        ]
    }

    let gate = OutcomeGate(brief: Self.brief, templateSteps: [.with { $0.stepID = "greet"; $0.required = true }])

    func missing(_ capture: Callstack_V1_OutcomeCapture) -> [OutcomeGate.Missing] {
        gate.missing(capture, at: Self.now)
    }

    @Test("an unknown or empty outcome is refused")
    func unknownOutcome() {
        #expect(missing(.with { $0.outcomeID = "maybe" }) == [.outcome("maybe")])
        #expect(missing(.init()) == [.outcome("")])
    }

    @Test("every missing item of an outcome is named at once")
    func everythingMissing() {
        #expect(missing(.with { $0.outcomeID = "meeting" }) == [
            .notes, .playbookStep("greet"), .playbookStep("intro"), .playbookStep("close"), .qualification("budget"),
            .qualification("authority"), .meeting("the outcome requires one"),
        ])
        guard case .failure(.several(let problems)) = gate.check(.with { $0.outcomeID = "meeting" }, at: Self.now) else {
            Issue.record("one rejection with every problem")
            return
        }
        #expect(problems.count == 7)
    }

    @Test("a complete capture passes; optional steps and blank-free notes are what count")
    func complete() throws {
        let capture: Callstack_V1_OutcomeCapture = .with {
            $0.outcomeID = "meeting"
            $0.notes = "Wants a demo"
            $0.playbookStepsDone = ["greet", "intro", "close"]
            $0.qualification = [.with { $0.criterion = "budget"; $0.met = true }, .with { $0.criterion = "authority"; $0.met = false }]
            $0.meeting = .with { $0.startsAtMicros = Self.later; $0.durationMinutes = 30 }
        }
        #expect(try gate.check(capture, at: Self.now).get().outcomeID == "meeting")
        var blank = capture
        blank.notes = " \n "
        #expect(missing(blank) == [.notes])
    }

    @Test("meeting, opportunity, revenue, callback and follow-up details are checked, required or not")
    func details() {
        #expect(missing(.with {
            $0.outcomeID = "won"
            $0.opportunity = .with { $0.amount = .with { $0.minorUnits = 500_00; $0.currency = "eur" } }
            $0.revenue = .with { $0.amount = .with { $0.minorUnits = 0; $0.currency = "EUR" } }
        }) == [.opportunity("it needs an id"), .opportunity("the amount needs a three-letter ISO 4217 currency"), .revenue("the amount must be positive")])
        #expect(missing(.with { $0.outcomeID = "callback"; $0.callback = .with { $0.dueAtMicros = Self.now.micros } }) == [.callback("it must be due after the call")])
        #expect(missing(.with { $0.outcomeID = "callback" }) == [.callback("the outcome requires one")])
        #expect(missing(.with { $0.outcomeID = "follow"; $0.followUp = .with { $0.dueAtMicros = Self.later } }) == [.followUp("it needs an action")])
        #expect(missing(.with { $0.outcomeID = "follow" }) == [.followUp("the outcome requires one")])
        #expect(missing(.with {
            $0.outcomeID = "no-answer"
            $0.meeting = .with { $0.startsAtMicros = Self.later; $0.durationMinutes = 0 }
        }) == [.meeting("its duration must be 1 to 1,440 minutes")], "details given without being required are checked too")
        #expect(missing(.with { $0.outcomeID = "no-answer" }).isEmpty)
    }

    @Test("a single problem is one invalid command; a meeting in the past or a requirement this build does not know refuses")
    func singleAndUnknown() {
        guard case .failure(.invalidCommand("callback: the outcome requires one")) = gate.check(.with { $0.outcomeID = "callback" }, at: Self.now) else {
            Issue.record("one problem, one rejection")
            return
        }
        #expect(missing(.with { $0.outcomeID = "no-answer"; $0.meeting = .with { $0.startsAtMicros = Self.now.micros - 1; $0.durationMinutes = 30 } })
            == [.meeting("it must start after the call")])
        var brief = Self.brief
        brief.callHandling.outcomes[4].requirements = [.UNRECOGNIZED(42)]
        #expect(OutcomeGate(brief: brief).missing(.with { $0.outcomeID = "no-answer" }, at: Self.now) == [.unknownRequirement(42)])
        var twice = Self.brief
        twice.callHandling.playbookSteps.append(.with { $0.stepID = "intro"; $0.required = true })
        twice.audience.qualificationCriteria.append("budget")
        let listed = OutcomeGate(brief: twice).missing(.with { $0.outcomeID = "meeting"; $0.notes = "x"; $0.meeting = .with { $0.startsAtMicros = Self.later; $0.durationMinutes = 5 } }, at: Self.now)
        #expect(listed == [.playbookStep("intro"), .playbookStep("close"), .qualification("budget"), .qualification("authority")], "each named once")
    }

    @Test("a campaign that requires notes requires them for every outcome")
    func campaignNotes() {
        var brief = Self.brief
        brief.callHandling.notesRequired = true
        #expect(OutcomeGate(brief: brief).missing(.with { $0.outcomeID = "no-answer" }, at: Self.now) == [.notes])
    }
}
