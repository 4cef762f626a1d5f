public import CallStackEvents
public import EventSourcing

/// Decides the commands of one campaign's stream (`campaign-<id>`): creation, brief edits and
/// lifecycle changes. The engine passes what the workspace knows (the actor's role, clients,
/// members, settings); the campaign is this decider's state.
///
/// - A campaign is created as a draft for an open client.
/// - The brief is edited whole or by field mask, while the campaign is draft, active or paused,
///   and must stay valid against the workspace (``BriefRules``). Changing the assigned callers
///   also takes the permission to assign callers.
/// - Status changes follow ``CampaignLifecycle``; activation needs at least one final outcome
///   and a calling window, and an active or paused campaign's brief cannot lose them.
/// - A command that changes nothing records nothing; a rejection names every problem.
public struct CampaignDecider: Decider {
    /// What is asked.
    public enum Request: Sendable {
        case create(Callstack_V1_CreateCampaign)
        case editBrief(Callstack_V1_EditCampaignBrief)
        case changeStatus(Callstack_V1_ChangeCampaignStatus)

        var action: Action {
            switch self {
            case .create: .createCampaign
            case .editBrief: .editCampaignBrief
            case .changeStatus: .changeCampaignStatus
            }
        }
    }

    /// A request with who asks and when (the actor's role as the workspace gives it now).
    public struct Command: Sendable {
        public let request: Request
        /// Who asks, with their current role, and the command's business time.
        public let actor: CommandActor
        /// The workspace as it is now: clients and members the brief may name.
        public let workspace: WorkspaceState
        /// The settings as they are now: call statuses, sources, custom fields, scripts, playbooks.
        public let settings: SettingsState

        /// A campaign command `request` by `actor`, decided against `workspace` and `settings`.
        public init(_ request: Request, by actor: CommandActor, workspace: WorkspaceState, settings: SettingsState) {
            self.request = request
            self.actor = actor
            self.workspace = workspace
            self.settings = settings
        }
    }

    public init() {}

    public var initialState: CampaignState { CampaignState() }

    public func decide(_ command: Command, _ state: CampaignState) -> Result<[CampaignEvent], DomainRejection> {
        if case .failure(let refusal) = PermissionMatrix.standard.check(command.actor, command.request.action) { return .failure(refusal) }
        var problems = Problems()
        let rules = BriefRules(workspace: command.workspace, settings: command.settings)
        let events: [CampaignEvent]
        switch command.request {
        case .create(let create):
            events = creating(create, state, rules, &problems)
            if !create.brief.identity.assignedCallerIds.isEmpty { problems.permit(command.actor, .assignCallers) }
        case .editBrief(let edit): events = editing(edit, state, rules, command.actor, &problems)
        case .changeStatus(let change): events = changing(change, state, rules, &problems)
        }
        if let rejection = DomainRejection.of(problems.list) { return .failure(rejection) }
        return .success(events)
    }

    private func creating(_ create: Callstack_V1_CreateCampaign, _ state: CampaignState, _ rules: BriefRules, _ problems: inout Problems) -> [CampaignEvent] {
        problems.requireID(create.campaignID, "campaign_id")
        problems.check(!state.exists, .invalidCommand("campaign \(create.campaignID) exists already"))
        problems.require(create.name, "name")
        problems.check(rules.workspace.isOpenClient(create.clientID), .notFound("an open client \(create.clientID)"))
        var brief = create.brief
        brief.identity.name = create.name
        brief.identity.clientID = create.clientID
        rules.check(brief, &problems)
        var events: [CampaignEvent] = [.created(campaignID: create.campaignID, clientID: create.clientID, name: create.name)]
        if brief != Self.briefOnCreation(name: create.name, clientID: create.clientID) { events.append(.briefChanged(brief)) }
        return events
    }

    private func editing(
        _ edit: Callstack_V1_EditCampaignBrief, _ state: CampaignState, _ rules: BriefRules, _ actor: CommandActor, _ problems: inout Problems
    ) -> [CampaignEvent] {
        guard state.exists else { return problems.fail(.notFound("campaign \(edit.campaignID)")) }
        problems.check(CampaignLifecycle.isEditable(state.status),
            .invalidCommand("campaign \(edit.campaignID) is \(CampaignLifecycle.name(state.status)); its brief can no longer change"))
        guard let brief = FieldMaskMerge.apply(edit.brief, onto: state.brief, mask: edit.updateMask, &problems) else { return [] }
        if brief.identity.clientID != state.clientID {
            problems.check(rules.workspace.isOpenClient(brief.identity.clientID),
                .notFound("an open client \(brief.identity.clientID)"))
        }
        if brief.identity.assignedCallerIds != state.brief.identity.assignedCallerIds { problems.permit(actor, .assignCallers) }
        rules.check(brief, &problems)
        if state.status == .active || state.status == .paused {
            for gap in CampaignState.activationGaps(brief, workspace: rules.settings.settings.campaignDefaults) { problems.add(.invalidCommand("campaign \(edit.campaignID) is \(CampaignLifecycle.name(state.status)): \(gap)")) }
        }
        return brief == state.brief ? [] : [.briefChanged(brief)]
    }

    private func changing(
        _ change: Callstack_V1_ChangeCampaignStatus, _ state: CampaignState, _ rules: BriefRules, _ problems: inout Problems
    ) -> [CampaignEvent] {
        guard state.exists else { return problems.fail(.notFound("campaign \(change.campaignID)")) }
        guard change.status != state.status else { return [] }
        guard CampaignLifecycle.allows(state.status, change.status) else {
            let allowed = (CampaignLifecycle.transitions[state.status] ?? []).map(CampaignLifecycle.name)
            return problems.fail(.invalidCommand(
                "campaign \(change.campaignID) cannot go from \(CampaignLifecycle.name(state.status)) to \(CampaignLifecycle.name(change.status))"
                    + (allowed.isEmpty ? "" : " (it may go to \(allowed.joined(separator: " or ")))")))
        }
        if change.status == .active {
            rules.check(state.brief, &problems)
            for gap in CampaignState.activationGaps(state.brief, workspace: rules.settings.settings.campaignDefaults) { problems.add(.invalidCommand("campaign \(change.campaignID) cannot be activated: \(gap)")) }
        }
        return [.statusChanged(change.status)]
    }

    /// The brief a campaign starts with: its name and client.
    static func briefOnCreation(name: String, clientID: String) -> Callstack_V1_CampaignBrief {
        var brief = Callstack_V1_CampaignBrief()
        brief.identity.name = name
        brief.identity.clientID = clientID
        return brief
    }

    public func evolve(_ state: CampaignState, _ event: CampaignEvent) -> CampaignState {
        var state = state
        switch event {
        case .created(let campaignID, let clientID, let name):
            state.campaignID = campaignID
            state.status = .draft
            state.brief = Self.briefOnCreation(name: name, clientID: clientID)
        case .briefChanged(let brief):
            state.brief = brief
        case .statusChanged(let status):
            state.status = status
        case .outcomeDefined(let defined):
            var outcome = Callstack_V1_OutcomeDefinition()
            outcome.outcomeID = defined.outcomeID
            outcome.label = defined.label
            outcome.requirements = defined.requirements
            var outcomes = state.brief.callHandling.outcomes.filter { $0.outcomeID != defined.outcomeID }
            outcomes.append(outcome)
            state.brief.callHandling.outcomes = outcomes
        case .other:
            break
        }
        return state
    }
}
