import CallStackEvents
import Foundation

/// What a valid set of workspace settings looks like. Every problem is named with the path of the
/// field that has it.
enum SettingsRules {
    static let contactFields: Set<String> = ["phone", "email", "name", "title", "company"]

    static func check(_ settings: Callstack_V1_WorkspaceSettings, _ problems: inout Problems) {
        if !settings.timeZone.isEmpty {
            problems.check(TimeZone(identifier: settings.timeZone) != nil, .invalidCommand("time_zone \(settings.timeZone.debugDescription) is not an IANA time zone"))
        }
        problems.known(settings.timeFormat, "time_format")
        problems.known(settings.importDefaults.duplicatePolicy, "import_defaults.duplicate_policy")
        checkCallStatuses(settings.callStatuses, &problems)
        checkCustomFields(settings.customFields, &problems)
        checkImportDefaults(settings, &problems)
        unique(settings.sourceOptions.map(\.sourceID), "source_options", &problems)
        for (index, option) in settings.sourceOptions.enumerated() {
            problems.requireID(option.sourceID, "source_options[\(index)].source_id")
            problems.require(option.label, "source_options[\(index)].label")
        }
        checkPhoneNumbers(settings.phoneNumbers, &problems)
        let defaults = settings.campaignDefaults
        ControlRules.check(defaults.dialing, at: "campaign_defaults.dialing", &problems)
        ControlRules.checkRecycle(defaults.hasRecycleDelaySeconds, defaults.recycleDelaySeconds, at: "campaign_defaults.recycle_delay_seconds", &problems)
        ControlRules.checkAttempts(defaults.hasMaxAttempts, defaults.maxAttempts, at: "campaign_defaults.max_attempts", &problems)
    }

    private static func checkCallStatuses(_ statuses: [Callstack_V1_CallStatusDefinition], _ problems: inout Problems) {
        unique(statuses.map(\.statusID), "call_statuses", &problems)
        for (index, status) in statuses.enumerated() {
            problems.requireID(status.statusID, "call_statuses[\(index)].status_id")
            problems.require(status.label, "call_statuses[\(index)].label")
        }
    }

    private static func checkCustomFields(_ fields: [Callstack_V1_CustomFieldDefinition], _ problems: inout Problems) {
        unique(fields.map(\.key), "custom_fields", &problems)
        for (index, field) in fields.enumerated() {
            let path = "custom_fields[\(index)]"
            problems.check(!field.key.isEmpty && field.key.utf8.count <= 64 && field.key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                .invalidCommand("\(path).key must be 1 to 64 letters, digits or '_'"))
            problems.check(!contactFields.contains(field.key), .invalidCommand("\(path).key \(field.key) is a built-in contact field"))
            problems.require(field.label, "\(path).label")
            problems.check(field.type != .unspecified, .invalidCommand("\(path).type is required"))
            problems.known(field.type, "\(path).type")
            if field.type == .choice {
                problems.check(!field.choices.isEmpty, .invalidCommand("\(path) is a choice field without choices"))
                unique(field.choices, "\(path).choices", &problems)
            } else {
                problems.check(field.choices.isEmpty, .invalidCommand("\(path) has choices but is not a choice field"))
            }
        }
    }

    private static func checkImportDefaults(_ settings: Callstack_V1_WorkspaceSettings, _ problems: inout Problems) {
        let defaults = settings.importDefaults
        let region = defaults.defaultPhoneRegion
        problems.check(region.isEmpty || (region.count == 2 && region.allSatisfy { $0.isASCII && $0.isUppercase }),
            .invalidCommand("import_defaults.default_phone_region must be two capital letters (ISO 3166), such as US"))
        let statuses = SettingsState.callStatuses(in: settings).map(\.statusID)
        problems.check(defaults.defaultCallStatus.isEmpty || statuses.contains(defaults.defaultCallStatus),
            .invalidCommand("import_defaults.default_call_status \(defaults.defaultCallStatus) is not a call status"))
        let known = contactFields.union(settings.customFields.map(\.key))
        for field in defaults.requiredFields {
            problems.check(known.contains(field), .invalidCommand("import_defaults.required_fields names \(field), which is no contact field"))
        }
    }

    private static func checkPhoneNumbers(_ numbers: [Callstack_V1_CallerID], _ problems: inout Problems) {
        unique(numbers.map(\.number), "phone_numbers", &problems)
        for (index, number) in numbers.enumerated() {
            let path = "phone_numbers[\(index)]"
            problems.check((try? E164Phone(number.number)) != nil, .invalidCommand("\(path).number \(number.number.debugDescription) is not E.164"))
            problems.check(number.country.count == 2, .invalidCommand("\(path).country must be an ISO 3166 region"))
            let cost = try? Money(number.costPerMinute)
            problems.check(cost.map { $0.minorUnits >= 0 } ?? false, .invalidCommand("\(path).cost_per_minute must be a non-negative amount"))
            problems.check(number.status != .unspecified, .invalidCommand("\(path).status is required"))
            problems.known(number.status, "\(path).status")
            problems.check(number.country.allSatisfy { $0.isASCII && $0.isUppercase }, .invalidCommand("\(path).country must be capital letters"))
        }
    }

    /// Names each value that appears more than once in a list.
    static func unique(_ values: [String], _ list: String, _ problems: inout Problems) {
        var seen = Set<String>()
        var reported = Set<String>()
        for value in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            problems.add(.invalidCommand("\(list) names \(value) more than once"))
        }
    }
}
