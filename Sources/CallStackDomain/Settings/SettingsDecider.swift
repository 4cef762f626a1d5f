public import CallStackEvents
public import EventSourcing
import ContactImport
import SwiftProtobuf

/// Decides the settings commands of the `workspace` stream: the settings themselves (Team
/// Admins), the billing plan (Team Admins), and publishing versioned call scripts and playbook
/// templates (Campaign Managers too). The engine passes the actor with the role the workspace
/// gives them.
///
/// A settings change names the sections it changes with a field mask (an empty mask replaces the
/// whole settings); the result must be valid as a whole, and a rejection names every problem. A
/// change that leaves the settings as they were records nothing.
public struct SettingsDecider: Decider {
    /// What is asked.
    public enum Request: Sendable {
        case change(Callstack_V1_ChangeWorkspaceSettings)
        case billingPlan(Callstack_V1_ChangeBillingPlan)
        case publishScript(Callstack_V1_PublishScript)
        case publishPlaybookTemplate(Callstack_V1_PublishPlaybookTemplate)
        case saveImportMapping(Callstack_V1_SaveImportMapping)

        var action: Action {
            switch self {
            case .change: .changeWorkspaceSettings
            case .billingPlan: .changeBillingPlan
            case .publishScript, .publishPlaybookTemplate: .publishScripts
            case .saveImportMapping: .importContacts
            }
        }
    }

    /// A request with who asks and when (the actor's role as the workspace gives it now).
    public struct Command: Sendable {
        public let request: Request
        /// Who asks, with their current role, and the command's business time.
        public let actor: CommandActor

        /// A settings command `request` by `actor`.
        public init(_ request: Request, by actor: CommandActor) {
            self.request = request
            self.actor = actor
        }
    }

    public init() {}

    public var initialState: SettingsState { SettingsState() }

    public func decide(_ command: Command, _ state: SettingsState) -> Result<[SettingsEvent], DomainRejection> {
        if case .failure(let refusal) = PermissionMatrix.standard.check(command.actor, command.request.action) { return .failure(refusal) }
        var problems = Problems()
        let events: [SettingsEvent]
        switch command.request {
        case .change(let change): events = changing(change, state, &problems)
        case .billingPlan(let change):
            problems.check(change.plan != .unspecified, .invalidCommand("plan is required"))
            problems.known(change.plan, "plan")
            problems.check(change.seats >= 1, .invalidCommand("seats must be at least 1"))
            events = change.plan == state.billingPlan && change.seats == state.seats ? [] : [.billingPlanChanged(plan: change.plan, seats: change.seats)]
        case .publishScript(let publish):
            problems.requireID(publish.scriptID, "script_id")
            problems.require(publish.title, "title")
            problems.require(publish.body, "body")
            var script = Callstack_V1_ScriptPublished()
            script.scriptID = publish.scriptID
            script.version = nextVersion(after: state.scripts[publish.scriptID, default: 0], "script \(publish.scriptID)", &problems)
            script.title = publish.title
            script.body = publish.body
            events = [.scriptPublished(script)]
        case .publishPlaybookTemplate(let publish):
            events = publishing(publish, state, &problems)
        case .saveImportMapping(let save):
            events = saving(save, state, &problems)
        }
        if let rejection = DomainRejection.of(problems.list) { return .failure(rejection) }
        return .success(events)
    }

    private func changing(_ change: Callstack_V1_ChangeWorkspaceSettings, _ state: SettingsState, _ problems: inout Problems) -> [SettingsEvent] {
        guard let settings = FieldMaskMerge.apply(change.settings, onto: state.settings, mask: change.updateMask, &problems) else { return [] }
        SettingsRules.check(settings, &problems)
        return settings == state.settings ? [] : [.changed(settings)]
    }

    private func publishing(
        _ publish: Callstack_V1_PublishPlaybookTemplate, _ state: SettingsState, _ problems: inout Problems
    ) -> [SettingsEvent] {
        problems.requireID(publish.templateID, "template_id")
        problems.require(publish.name, "name")
        problems.check(!publish.steps.isEmpty, .invalidCommand("a playbook template needs at least one step"))
        SettingsRules.unique(publish.steps.map(\.stepID), "steps", &problems)
        for (index, step) in publish.steps.enumerated() {
            problems.requireID(step.stepID, "steps[\(index)].step_id")
            problems.require(step.title, "steps[\(index)].title")
        }
        var template = Callstack_V1_PlaybookTemplatePublished()
        template.templateID = publish.templateID
        template.version = nextVersion(after: state.playbookTemplates[publish.templateID, default: 0], "template \(publish.templateID)", &problems)
        template.name = publish.name
        template.steps = publish.steps
        return [.playbookTemplatePublished(template)]
    }

    private func saving(_ save: Callstack_V1_SaveImportMapping, _ state: SettingsState, _ problems: inout Problems) -> [SettingsEvent] {
        problems.check(!save.headers.isEmpty, .invalidCommand("headers are required"))
        problems.check(save.fields.count == save.headers.count, .invalidCommand("fields must name one field a header (\(save.headers.count))"))
        let customKeys = Set(state.settings.customFields.map(\.key))
        for (index, name) in save.fields.enumerated() {
            switch ContactField(name) {
            case nil: problems.add(.invalidCommand("fields[\(index)] \(name.debugDescription) is not a contact field"))
            case .custom(let key)?: problems.check(customKeys.contains(key), .invalidCommand("fields[\(index)]: the workspace has no custom field \(key)"))
            default: break
            }
        }
        let signature = ColumnHeader.signature(save.headers)
        guard state.importMappings[signature] != save.fields else { return [] }
        var saved = Callstack_V1_ImportMappingSaved()
        saved.signature = signature
        saved.headers = save.headers
        saved.fields = save.fields
        return [.importMappingSaved(saved)]
    }

    private func nextVersion(after version: Int32, _ what: String, _ problems: inout Problems) -> Int32 {
        let (next, overflow) = max(version, 0).addingReportingOverflow(1)
        problems.check(!overflow, .invalidCommand("\(what) has no versions left"))
        return overflow ? version : next
    }

    public func evolve(_ state: SettingsState, _ event: SettingsEvent) -> SettingsState {
        var state = state
        switch event {
        case .changed(let settings):
            state.settings = settings
        case .changedV1(let changed):
            if changed.timeFormat != .unspecified { state.settings.timeFormat = changed.timeFormat }
            if !changed.timeZone.isEmpty { state.settings.timeZone = changed.timeZone }
            if !changed.defaultCallStatus.isEmpty { state.settings.importDefaults.defaultCallStatus = changed.defaultCallStatus }
        case .billingPlanChanged(let plan, let seats):
            state.billingPlan = plan
            state.seats = seats
        case .scriptPublished(let script):
            state.scripts[script.scriptID] = max(state.scripts[script.scriptID, default: 0], script.version)
        case .playbookTemplatePublished(let template):
            state.playbookTemplates[template.templateID] = max(state.playbookTemplates[template.templateID, default: 0], template.version)
        case .importMappingSaved(let saved):
            state.importMappings[saved.signature] = saved.fields
        case .other:
            break
        }
        return state
    }
}
