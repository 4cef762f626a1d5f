import CallStackEvents
import ContactImport
import Foundation

/// What a valid campaign brief looks like against the workspace it lives in: its client, members,
/// call statuses, sources, custom fields, scripts and playbook templates. Every problem is named
/// with the path of the field that has it.
struct BriefRules {
    let workspace: WorkspaceState
    let settings: SettingsState

    func check(_ brief: Callstack_V1_CampaignBrief, _ problems: inout Problems) {
        checkIdentity(brief.identity, &problems)
        checkTargets(brief.targets, &problems)
        checkAudience(brief.audience, &problems)
        checkCallHandling(brief.callHandling, &problems)
        ControlRules.check(brief.dialing, at: "dialing", &problems)
        checkResolved(brief, &problems)
    }

    /// Rules between controls that may come from different layers: the brief's over the
    /// workspace's defaults.
    private func checkResolved(_ brief: Callstack_V1_CampaignBrief, _ problems: inout Problems) {
        let effective = EffectiveSettings(brief: brief, workspace: settings.settings.campaignDefaults)
        let dialing = effective.controls.dialing
        if dialing.linesPerCaller > 1 && dialing.mode != .power {
            let lines = effective.value("dialing.lines_per_caller"), mode = effective.value("dialing.mode")
            problems.add(.invalidCommand(
                "dialing: \(dialing.linesPerCaller) lines per caller (\(lines?.source.description ?? "")) need power mode, "
                    + "but the mode in force is \(mode?.value ?? "") (\(mode?.source.description ?? ""))"))
        }
    }

    private func checkIdentity(_ identity: Callstack_V1_CampaignIdentity, _ problems: inout Problems) {
        problems.require(identity.name, "identity.name")
        if !identity.ownerMemberID.isEmpty {
            let role = workspace.activeRole(of: identity.ownerMemberID)
            problems.check(role == .teamAdmin || role == .campaignManager,
                .invalidCommand("identity.owner_member_id \(identity.ownerMemberID) is not an active Team Admin or Campaign Manager"))
        }
        SettingsRules.unique(identity.assignedCallerIds, "identity.assigned_caller_ids", &problems)
        for caller in identity.assignedCallerIds {
            problems.check(PermissionMatrix.standard.allows(workspace.activeRole(of: caller), .dial),
                .invalidCommand("identity.assigned_caller_ids names \(caller), who is not an active member allowed to call"))
        }
    }

    private func checkTargets(_ targets: Callstack_V1_CampaignTargets, _ problems: inout Problems) {
        problems.known(targets.health, "targets.health")
        problems.known(targets.clientUpdateCadence, "targets.client_update_cadence")
        problems.check(targets.callVolumePerDay >= 0, .invalidCommand("targets.call_volume_per_day must not be negative"))
        let start = ISODate.dayNumber(targets.startDate), deadline = ISODate.dayNumber(targets.deadline)
        problems.check(targets.startDate.isEmpty || start != nil, .invalidCommand("targets.start_date must be YYYY-MM-DD"))
        problems.check(targets.deadline.isEmpty || deadline != nil, .invalidCommand("targets.deadline must be YYYY-MM-DD"))
        if let start, let deadline { problems.check(start <= deadline, .invalidCommand("targets.deadline is before targets.start_date")) }
    }

    private func checkAudience(_ audience: Callstack_V1_CampaignAudience, _ problems: inout Problems) {
        problems.known(audience.assignment, "audience.assignment")
        SettingsRules.unique(audience.routingRules.map(\.ruleID), "audience.routing_rules", &problems)
        SettingsRules.unique(audience.sourceControls.map(\.sourceID), "audience.source_controls", &problems)
        for (index, rule) in audience.routingRules.enumerated() {
            let path = "audience.routing_rules[\(index)]"
            problems.requireID(rule.ruleID, "\(path).rule_id")
            checkPredicates(rule.when, at: "\(path).when", &problems)
            switch rule.route {
            case .assignToMemberID(let member):
                problems.check(PermissionMatrix.standard.allows(workspace.activeRole(of: member), .dial),
                    .invalidCommand("\(path).assign_to_member_id \(member) is not an active member allowed to call"))
            case .setLane(let lane): problems.require(lane, "\(path).set_lane")
            case .setPriority: break
            case nil: problems.add(.invalidCommand("\(path) has no route"))
            }
        }
        let sources = Set(settings.settings.sourceOptions.map(\.sourceID))
        for (index, control) in audience.sourceControls.enumerated() {
            let path = "audience.source_controls[\(index)]"
            problems.check(sources.contains(control.sourceID), .invalidCommand("\(path).source_id \(control.sourceID) is not a source option"))
            problems.check(control.dailyCap >= 0, .invalidCommand("\(path).daily_cap must not be negative"))
        }
    }

    private func checkCallHandling(_ handling: Callstack_V1_CallHandling, _ problems: inout Problems) {
        let statuses = Set(settings.callStatuses.map(\.statusID))
        let statusesByID = Dictionary(settings.callStatuses.map { ($0.statusID, $0) }, uniquingKeysWith: { first, _ in first })
        SettingsRules.unique(handling.outcomes.map(\.outcomeID), "call_handling.outcomes", &problems)
        for (index, outcome) in handling.outcomes.enumerated() {
            let path = "call_handling.outcomes[\(index)]"
            problems.requireID(outcome.outcomeID, "\(path).outcome_id")
            problems.require(outcome.label, "\(path).label")
            problems.check(!outcome.flags.contains(.unspecified), .invalidCommand("\(path).flags holds an unspecified flag"))
            problems.check(!outcome.requirements.contains(.unspecified), .invalidCommand("\(path).requirements holds an unspecified requirement"))
            for flag in outcome.flags { problems.known(flag, "\(path).flags") }
            for requirement in outcome.requirements { problems.known(requirement, "\(path).requirements") }
            problems.check(Set(outcome.flags).count == outcome.flags.count, .invalidCommand("\(path).flags names a flag twice"))
            problems.check(Set(outcome.requirements).count == outcome.requirements.count, .invalidCommand("\(path).requirements names a requirement twice"))
            if let status = statusesByID[outcome.callStatus], status.final {
                // A final status takes the enrolment out of the queue: the outcome must end it too.
                problems.check(outcome.flags.contains(.final),
                    .invalidCommand("\(path) moves to the final call status \(outcome.callStatus) but has no FINAL flag"))
            }
            problems.check(outcome.callStatus.isEmpty || statuses.contains(outcome.callStatus),
                .invalidCommand("\(path).call_status \(outcome.callStatus) is not a call status"))
            ControlRules.checkRecycle(outcome.hasRecycleDelaySeconds, outcome.recycleDelaySeconds, at: "\(path).recycle_delay_seconds", &problems)
            ControlRules.checkAttempts(outcome.hasMaxAttempts, outcome.maxAttempts, at: "\(path).max_attempts", &problems)
        }
        if handling.hasScript {
            problems.check(settings.hasScript(handling.script.id, version: handling.script.version),
                .notFound("call_handling.script: script \(handling.script.id) version \(handling.script.version)"))
        }
        if handling.hasPlaybookTemplate {
            problems.check(settings.hasPlaybookTemplate(handling.playbookTemplate.id, version: handling.playbookTemplate.version),
                .notFound("call_handling.playbook_template: template \(handling.playbookTemplate.id) version \(handling.playbookTemplate.version)"))
        }
        SettingsRules.unique(handling.playbookSteps.map(\.stepID), "call_handling.playbook_steps", &problems)
        for (index, step) in handling.playbookSteps.enumerated() {
            problems.requireID(step.stepID, "call_handling.playbook_steps[\(index)].step_id")
            problems.require(step.title, "call_handling.playbook_steps[\(index)].title")
        }
        for (index, objection) in handling.objections.enumerated() {
            problems.require(objection.objection, "call_handling.objections[\(index)].objection")
            problems.require(objection.response, "call_handling.objections[\(index)].response")
        }
        checkFollowUps(handling, statuses: statuses, &problems)
        ControlRules.checkRecycle(handling.hasRecycleDelaySeconds, handling.recycleDelaySeconds, at: "call_handling.recycle_delay_seconds", &problems)
        ControlRules.checkAttempts(handling.hasMaxAttempts, handling.maxAttempts, at: "call_handling.max_attempts", &problems)
        checkQueueRules(handling, &problems)
    }

    /// The queue lanes' rules: positive times and hold, and a contact value field that is a
    /// plaintext number field of the workspace.
    private func checkQueueRules(_ handling: Callstack_V1_CallHandling, _ problems: inout Problems) {
        if handling.hasHotLeadSlaSeconds {
            problems.check(handling.hotLeadSlaSeconds >= 1, .invalidCommand("call_handling.hot_lead_sla_seconds must be at least 1"))
        }
        if handling.hasStalenessSeconds {
            problems.check(handling.stalenessSeconds >= 60, .invalidCommand("call_handling.staleness_seconds must be at least 60"))
        }
        if handling.hasFailedNumberHoldDays {
            problems.check(handling.failedNumberHoldDays >= 1, .invalidCommand("call_handling.failed_number_hold_days must be at least 1"))
        }
        let field = handling.contactValueField
        guard !field.isEmpty else { return }
        let definition = settings.settings.customFields.first { $0.key == field }
        problems.check(
            definition.map { $0.type == .number && !$0.personal } ?? false,
            .invalidCommand("call_handling.contact_value_field \(field) must be a custom number field that is not personal"))
    }

    private func checkFollowUps(_ handling: Callstack_V1_CallHandling, statuses: Set<String>, _ problems: inout Problems) {
        let outcomes = Set(handling.outcomes.map(\.outcomeID))
        SettingsRules.unique(handling.followUpRules.map(\.ruleID), "call_handling.follow_up_rules", &problems)
        for (index, rule) in handling.followUpRules.enumerated() {
            let path = "call_handling.follow_up_rules[\(index)]"
            problems.requireID(rule.ruleID, "\(path).rule_id")
            problems.check(outcomes.contains(rule.outcomeID), .invalidCommand("\(path).outcome_id \(rule.outcomeID) is not an outcome of this brief"))
            checkPredicates(rule.when, at: "\(path).when", &problems)
            switch rule.action {
            case .callbackAfterSeconds(let seconds):
                problems.check(seconds >= ControlRules.minimumRecycleDelaySeconds,
                    .invalidCommand("\(path).callback_after_seconds must be at least \(ControlRules.minimumRecycleDelaySeconds)"))
            case .emailTemplate(let template): problems.require(template, "\(path).email_template")
            case .setCallStatus(let status): problems.check(statuses.contains(status), .invalidCommand("\(path).set_call_status \(status) is not a call status"))
            case nil: problems.add(.invalidCommand("\(path) has no action"))
            }
        }
    }

    /// The contact fields a predicate may test.
    private var predicateFields: Set<String> {
        Set(["source", "call_status", "phone_region", "title", "company", "email_domain"]).union(settings.settings.customFields.map { "custom." + $0.key })
    }

    private func checkPredicates(_ predicates: [Callstack_V1_Predicate], at path: String, _ problems: inout Problems) {
        let fields = predicateFields
        for (index, predicate) in predicates.enumerated() {
            let here = "\(path)[\(index)]"
            problems.check(fields.contains(predicate.field), .invalidCommand("\(here).field \(predicate.field) is not a contact field"))
            switch predicate.operator {
            case .unspecified, .UNRECOGNIZED: problems.add(.invalidCommand("\(here).operator is required"))
            case .present, .absent: problems.check(predicate.values.isEmpty, .invalidCommand("\(here) takes no values"))
            case .equals, .notEquals, .prefix: problems.check(predicate.values.count == 1, .invalidCommand("\(here) takes exactly one value"))
            case .oneOf: problems.check(!predicate.values.isEmpty, .invalidCommand("\(here) takes at least one value"))
            }
        }
    }
}
