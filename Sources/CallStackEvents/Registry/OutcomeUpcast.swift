import Foundation

/// OutcomeDefined v1 named its requirements in free text; v2 uses ``Callstack_V1_OutcomeRequirement``.
enum OutcomeUpcast {
    private static let known: [String: Callstack_V1_OutcomeRequirement] = [
        "notes": .notes, "playbook": .playbookSteps, "playbook steps": .playbookSteps,
        "playbook_steps": .playbookSteps, "qualification": .qualification, "meeting": .meeting,
        "opportunity": .opportunity, "revenue": .revenue, "callback": .callback,
    ]

    /// Known names (case and surrounding space ignored) become enum values, in order; the rest are
    /// kept verbatim in `otherRequirements`.
    @Sendable static func v1ToV2(_ old: Callstack_V1_OutcomeDefinedV1) -> Callstack_V1_OutcomeDefined {
        var new = Callstack_V1_OutcomeDefined()
        new.occurred = old.occurred
        new.campaignID = old.campaignID
        new.outcomeID = old.outcomeID
        new.label = old.label
        for requirement in old.requirements {
            let name = requirement.trimmingCharacters(in: .whitespaces).lowercased()
            if let value = known[name] {
                new.requirements.append(value)
            } else {
                new.otherRequirements.append(requirement)
            }
        }
        return new
    }
}
