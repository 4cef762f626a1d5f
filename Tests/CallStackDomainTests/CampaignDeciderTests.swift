import CallStackDomain
import CallStackEvents
import EventSourcing
import SwiftProtobuf
import Testing

@Suite("Campaigns")
struct CampaignDeciderTests {
    let decider = CampaignDecider()

    /// Ada (Team Admin), Max (Campaign Manager), Cal (Caller), Vi (Viewer); clients acme and old (archived).
    static let workspace: WorkspaceState = WorkspaceDecider().fold([
        .created(workspaceID: "w", name: "W", admin: "ada", adminName: "", adminEmail: ""),
        .memberInvited(memberID: "max", displayName: "", email: "", role: .campaignManager),
        .memberInvited(memberID: "cal", displayName: "", email: "", role: .caller),
        .memberInvited(memberID: "vi", displayName: "", email: "", role: .viewer),
        .clientAdded(clientID: "acme", name: "Acme"), .clientAdded(clientID: "old", name: "Old"), .clientArchived(clientID: "old"),
    ])

    private func decide(
        _ request: CampaignDecider.Request, by member: String = "max", settings: SettingsState = SettingsState(), after history: [CampaignEvent] = []
    ) -> Result<[CampaignEvent], DomainRejection> {
        let actor = CommandActor(memberID: member, role: Self.workspace.activeRole(of: member), atMicros: 1)
        return decider.decide(CampaignDecider.Command(request, by: actor, workspace: Self.workspace, settings: settings), after: history)
    }

    private func create(client: String = "acme", _ edit: (inout Callstack_V1_CampaignBrief) -> Void = { _ in }) -> CampaignDecider.Request {
        var create = Callstack_V1_CreateCampaign()
        create.campaignID = "spring"
        create.clientID = client
        create.name = "Spring"
        edit(&create.brief)
        return .create(create)
    }

    private func edit(_ mask: [String], _ edit: (inout Callstack_V1_CampaignBrief) -> Void) -> CampaignDecider.Request {
        var command = Callstack_V1_EditCampaignBrief()
        command.campaignID = "spring"
        edit(&command.brief)
        command.updateMask = Google_Protobuf_FieldMask(protoPaths: mask)
        return .editBrief(command)
    }

    private func status(_ status: Callstack_V1_CampaignStatus) -> CampaignDecider.Request {
        var change = Callstack_V1_ChangeCampaignStatus()
        change.campaignID = "spring"
        change.status = status
        return .changeStatus(change)
    }

    static func outcome(_ id: String, _ flags: [Callstack_V1_OutcomeFlag]) -> Callstack_V1_OutcomeDefinition {
        var outcome = Callstack_V1_OutcomeDefinition()
        outcome.outcomeID = id
        outcome.label = id.uppercased()
        outcome.flags = flags
        return outcome
    }

    /// A draft whose brief may be activated.
    private func ready() throws -> [CampaignEvent] {
        try decide(create {
            $0.callHandling.outcomes = [Self.outcome("meeting", [.connect, .meeting, .final]), Self.outcome("no-answer", [])]
            $0.dialing.callingWindow.start = "09:00"
            $0.dialing.callingWindow.end = "18:00"
        }).get()
    }

    @Test("a campaign is created as a draft for an open client; a brief given at creation is recorded whole")
    func creation() throws {
        let bare = try decide(create()).get()
        #expect(bare == [.created(campaignID: "spring", clientID: "acme", name: "Spring")])
        let state = decider.fold(try ready())
        #expect(state.status == .draft)
        #expect(state.brief.identity.name == "Spring" && state.clientID == "acme")
        #expect(state.brief.callHandling.outcomes.count == 2)
        #expect(decide(create(client: "old")) == .failure(.notFound("an open client old")))
        #expect(decide(create(), after: bare) == .failure(.invalidCommand("campaign spring exists already")))
        #expect(throws: DomainRejection.self) { try decide(create(), by: "cal").get() }
        #expect(throws: DomainRejection.self) { try decide(create(), by: "vi").get() }
    }

    /// From → the statuses it may reach, written out here rather than read from the code.
    static let lifecycle: [(Callstack_V1_CampaignStatus, [Callstack_V1_CampaignStatus])] = [
        (.draft, [.active, .archived]), (.active, [.paused, .completed]), (.paused, [.active, .completed]),
        (.completed, [.archived]), (.archived, []),
    ]

    /// The events that bring a ready campaign to `status`.
    private func reach(_ target: Callstack_V1_CampaignStatus) throws -> [CampaignEvent] {
        let path: [Callstack_V1_CampaignStatus] = switch target {
        case .active: [.active]
        case .paused: [.active, .paused]
        case .completed: [.active, .completed]
        case .archived: [.active, .completed, .archived]
        default: []
        }
        var events = try ready()
        for step in path { events += try decide(status(step), after: events).get() }
        return events
    }

    @Test("every lifecycle transition is allowed or refused as written", arguments: Self.lifecycle)
    func transitions(from: Callstack_V1_CampaignStatus, allowed: [Callstack_V1_CampaignStatus]) throws {
        let history = try reach(from)
        #expect(decider.fold(history).status == from)
        for target: Callstack_V1_CampaignStatus in [.draft, .active, .paused, .completed, .archived] where target != from {
            let result = decide(status(target), after: history)
            if allowed.contains(target) {
                #expect(result == .success([.statusChanged(target)]), "\(from) → \(target)")
            } else {
                guard case .failure(.invalidCommand(let why)) = result else {
                    Issue.record("\(from) → \(target) should be refused, got \(result)")
                    continue
                }
                #expect(why.contains("cannot go from"))
            }
        }
        #expect(decide(status(from), after: history) == .success([]), "the same status changes nothing")
    }

    @Test("activation needs a final outcome and a calling window; an active brief cannot lose them")
    func activation() throws {
        let bare = try decide(create()).get()
        let refused = decide(status(.active), after: bare)
        #expect(refused == .failure(.several([
            .invalidCommand("campaign spring cannot be activated: the brief needs at least one final outcome (call_handling.outcomes with flag FINAL)"),
            .invalidCommand("campaign spring cannot be activated: the brief needs a calling window (dialing.calling_window, or the workspace's campaign defaults)"),
        ])))
        var defaults = SettingsState()
        defaults.settings.campaignDefaults.dialing.callingWindow = .with { $0.start = "09:00"; $0.end = "20:00" }
        #expect(decide(status(.active), settings: defaults, after: bare) == .failure(.invalidCommand(
            "campaign spring cannot be activated: the brief needs at least one final outcome (call_handling.outcomes with flag FINAL)")),
            "the workspace's default window counts; the built-in one does not")
        let active = try reach(.active)
        let dropped = decide(edit(["call_handling.outcomes"]) { $0.callHandling.outcomes = [Self.outcome("no-answer", [])] }, after: active)
        #expect(dropped == .failure(.invalidCommand(
            "campaign spring is active: the brief needs at least one final outcome (call_handling.outcomes with flag FINAL)")))
        let completed = try reach(.completed)
        #expect(decide(edit(["targets.goal"]) { $0.targets.goal = "more" }, after: completed)
            == .failure(.invalidCommand("campaign spring is completed; its brief can no longer change")))
    }

    @Test("a brief is checked against the workspace, every problem named")
    func briefRules() throws {
        let draft = try ready()
        let result = decide(edit([]) {
            $0.identity.name = "Spring"
            $0.identity.clientID = "acme"
            $0.identity.ownerMemberID = "cal"
            $0.identity.assignedCallerIds = ["cal", "vi", "ghost"]
            $0.targets.startDate = "2027-02-30"
            $0.targets.deadline = "2027-01-01"
            var rule = Callstack_V1_RoutingRule()
            rule.ruleID = "vip"
            var predicate = Callstack_V1_Predicate()
            predicate.field = "custom.tier"
            predicate.operator = .equals
            rule.when = [predicate]
            $0.audience.routingRules = [rule]
            var outcome = Self.outcome("won", [.final])
            outcome.callStatus = "victorious"
            outcome.recycleDelaySeconds = 30
            $0.callHandling.outcomes = [outcome]
            $0.callHandling.script.id = "opener"
            $0.callHandling.script.version = 1
            var followUp = Callstack_V1_FollowUpRule()
            followUp.ruleID = "nudge"
            followUp.outcomeID = "lost"
            $0.callHandling.followUpRules = [followUp]
            $0.callHandling.hotLeadSlaSeconds = 0
            $0.callHandling.stalenessSeconds = 59
            $0.callHandling.failedNumberHoldDays = 0
            $0.callHandling.contactValueField = "tier"
        }, after: draft)
        guard case .failure(.several(let problems)) = result else {
            Issue.record("expected several problems, got \(result)")
            return
        }
        let text = problems.map(\.description).joined(separator: "\n")
        for expected in [
            "owner_member_id cal is not an active Team Admin", "assigned_caller_ids names vi", "assigned_caller_ids names ghost",
            "targets.start_date must be YYYY-MM-DD", "routing_rules[0].when[0].field custom.tier is not a contact field",
            "routing_rules[0] has no route", "outcomes[0].call_status victorious", "outcomes[0].recycle_delay_seconds must be at least 120",
            "not found: call_handling.script: script opener version 1", "follow_up_rules[0].outcome_id lost is not an outcome",
            "follow_up_rules[0] has no action", "hot_lead_sla_seconds must be at least 1", "staleness_seconds must be at least 60",
            "failed_number_hold_days must be at least 1", "contact_value_field tier must be a custom number field that is not personal",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }

    @Test("assigning callers takes a member allowed to call; a Caller may not edit a brief")
    func callers() throws {
        let draft = try ready()
        let assigned = try decide(edit(["identity.assigned_caller_ids"]) { $0.identity.assignedCallerIds = ["cal", "max"] }, after: draft).get()
        #expect(decider.fold(draft + assigned).brief.identity.assignedCallerIds == ["cal", "max"])
        #expect(try decide(edit(["identity.assigned_caller_ids"]) { $0.identity.assignedCallerIds = ["cal", "max"] }, after: draft + assigned).get() == [])
        #expect(throws: DomainRejection.self) {
            try decide(edit(["targets.goal"]) { $0.targets.goal = "x" }, by: "cal", after: draft).get()
        }
        #expect(decide(edit(["identity.nickname"]) { _ in }, after: draft)
            == .failure(.invalidCommand("update_mask names identity.nickname, which callstack.v1.CampaignBrief does not have")))
    }

    @Test("effective settings take the campaign's value, else the workspace's, else the built-in one, and say which")
    func effective() throws {
        var workspace = Callstack_V1_CampaignDefaults()
        workspace.dialing.mode = .progressive
        workspace.dialing.callingWindow.start = "10:00"
        workspace.dialing.callingWindow.end = "19:00"
        workspace.maxAttempts = 4
        var brief = Callstack_V1_CampaignBrief()
        brief.dialing.mode = .power
        brief.dialing.linesPerCaller = 3
        brief.callHandling.recycleDelaySeconds = 900
        var meeting = Self.outcome("meeting", [.final])
        meeting.maxAttempts = 1
        brief.callHandling.outcomes = [meeting, Self.outcome("busy", [])]

        let effective = EffectiveSettings(brief: brief, workspace: workspace)
        #expect(effective.controls.dialing.mode == .power)
        #expect(effective.controls.dialing.linesPerCaller == 3)
        #expect(effective.controls.dialing.callingWindow.start == "10:00")
        #expect(effective.controls.dialing.abandonRateCap.maxBasisPoints == 300)
        #expect(effective.controls.maxAttempts == 4 && effective.controls.recycleDelaySeconds == 900)
        let sources = Dictionary(uniqueKeysWithValues: effective.values.map { ($0.path, $0.source) })
        #expect(sources["dialing.mode"] == .campaign)
        #expect(sources["dialing.lines_per_caller"] == .campaign)
        #expect(sources["dialing.calling_window"] == .workspace)
        #expect(sources["dialing.abandon_rate_cap"] == .builtIn)
        #expect(sources["recycle_delay_seconds"] == .campaign)
        #expect(sources["max_attempts"] == .workspace)
        #expect(effective.value("outcomes.meeting.max_attempts") == EffectiveSettings.Value(path: "outcomes.meeting.max_attempts", value: "1", source: .outcome))
        #expect(effective.value("outcomes.busy.max_attempts") == EffectiveSettings.Value(path: "outcomes.busy.max_attempts", value: "4", source: .workspace))
        #expect(effective.value("outcomes.busy.recycle_delay_seconds")?.source == .campaign)
        #expect(effective.value("dialing.calling_window")?.value == "start: \"10:00\" end: \"19:00\"")
        #expect(effective.values.count == 11 + 4, "every control, then two per outcome")

        let untouched = EffectiveSettings(brief: Callstack_V1_CampaignBrief(), workspace: Callstack_V1_CampaignDefaults())
        #expect(untouched.controls == EffectiveSettings.builtIn)
        #expect(untouched.values.allSatisfy { $0.source == .builtIn })
    }
}

@Suite("Campaign briefs, edge cases")
struct BriefEdgeCaseTests {
    let decider = CampaignDecider()

    private func decide(_ request: CampaignDecider.Request, settings: SettingsState = SettingsState(), after history: [CampaignEvent] = [])
        -> Result<[CampaignEvent], DomainRejection>
    {
        let actor = CommandActor(memberID: "ada", role: .teamAdmin, atMicros: 1)
        return decider.decide(CampaignDecider.Command(request, by: actor, workspace: CampaignDeciderTests.workspace, settings: settings), after: history)
    }

    private func create(_ edit: (inout Callstack_V1_CampaignBrief) -> Void) -> CampaignDecider.Request {
        .create(.with {
            $0.campaignID = "c"
            $0.clientID = "acme"
            $0.name = "C"
            edit(&$0.brief)
        })
    }

    private func problems(_ result: Result<[CampaignEvent], DomainRejection>) -> String {
        guard case .failure(let rejection) = result else { return "" }
        return rejection.description
    }

    @Test("times and dates take digits only; enum values this engine does not know are refused")
    func strictParsing() {
        for bad in ["-1:00", "+9:00", "08:-5", "8:00", "24:01", "12:60"] {
            #expect(ControlRules.minutes(bad) == nil, "\(bad)")
        }
        #expect(ControlRules.minutes("24:00") == 1_440 && ControlRules.minutes("08:30") == 510)
        let dates = problems(decide(create { $0.targets.startDate = "+2024-1-01"; $0.targets.deadline = "2024-01-+1" }))
        #expect(dates.contains("targets.start_date must be YYYY-MM-DD") && dates.contains("targets.deadline must be YYYY-MM-DD"))
        let unknown = problems(decide(create {
            $0.dialing.mode = .UNRECOGNIZED(9)
            $0.targets.health = .UNRECOGNIZED(7)
            $0.callHandling.outcomes = [.with { $0.outcomeID = "x"; $0.label = "X"; $0.flags = [.final, .UNRECOGNIZED(40), .final] }]
        }))
        for expected in ["dialing.mode holds a value this engine does not know (9)", "targets.health holds a value", "flags holds a value", "flags names a flag twice"] {
            #expect(unknown.contains(expected), "missing: \(expected) in \(unknown)")
        }
    }

    @Test("controls are checked as they resolve: lines above one need power mode, whichever layer sets each")
    func resolvedControls() {
        var settings = SettingsState()
        settings.settings.campaignDefaults.dialing.mode = .preview
        let result = decide(create { $0.dialing.linesPerCaller = 3 }, settings: settings)
        #expect(problems(result).contains("dialing: 3 lines per caller (campaign) need power mode, but the mode in force is DIALING_MODE_PREVIEW (workspace)"))
        #expect((try? decide(create { $0.dialing.linesPerCaller = 3; $0.dialing.mode = .power }, settings: settings).get()) != nil)
    }

    @Test("a mask naming a message the update leaves out clears it; one naming nothing new changes nothing")
    func maskClears() throws {
        let created = try decide(create {
            $0.dialing.callingWindow = .with { $0.start = "09:00"; $0.end = "17:00" }
            $0.callHandling.outcomes = [.with { $0.outcomeID = "won"; $0.label = "Won"; $0.flags = [.final] }]
        }).get()
        let cleared = try decide(.editBrief(.with {
            $0.campaignID = "c"
            $0.updateMask = .init(protoPaths: ["dialing.calling_window"])
        }), after: created).get()
        #expect(decider.fold(created + cleared).brief.dialing.hasCallingWindow == false)
        let nothing = try decide(.editBrief(.with {
            $0.campaignID = "c"
            $0.updateMask = .init(protoPaths: ["audience.assignment", "targets.goal"])
        }), after: created + cleared).get()
        #expect(nothing == [], "unset fields cleared where nothing was set: no event")
    }

    @Test("a non-final outcome cannot move an enrolment to a final call status")
    func finalStatus() {
        let result = decide(create {
            $0.callHandling.outcomes = [.with { $0.outcomeID = "gone"; $0.label = "Gone"; $0.callStatus = "lost" }]
        })
        #expect(problems(result).contains("call_handling.outcomes[0] moves to the final call status lost but has no FINAL flag"))
    }
}
