import CallStackDomain
import CallStackEvents
import EventSourcing
import SwiftProtobuf
import Testing

@Suite("Workspace settings")
struct SettingsDeciderTests {
    let decider = SettingsDecider()

    private func decide(_ request: SettingsDecider.Request, role: Role?, after history: [SettingsEvent] = []) -> Result<[SettingsEvent], DomainRejection> {
        decider.decide(SettingsDecider.Command(request, by: CommandActor(memberID: "m", role: role, atMicros: 1)), after: history)
    }

    private func change(_ mask: [String], _ edit: (inout Callstack_V1_WorkspaceSettings) -> Void) -> SettingsDecider.Request {
        var change = Callstack_V1_ChangeWorkspaceSettings()
        edit(&change.settings)
        change.updateMask = Google_Protobuf_FieldMask(protoPaths: mask)
        return .change(change)
    }

    private func field(_ key: String, _ type: Callstack_V1_CustomFieldType, choices: [String] = [], personal: Bool = false) -> Callstack_V1_CustomFieldDefinition {
        var field = Callstack_V1_CustomFieldDefinition()
        field.key = key
        field.label = key.uppercased()
        field.type = type
        field.choices = choices
        field.personal = personal
        return field
    }

    @Test("a masked change replaces the sections it names, repeated fields whole, and keeps the rest")
    func masked() throws {
        let first = try decide(change([]) {
            $0.timeFormat = .timeFormat24Hour
            $0.timeZone = "Europe/London"
            $0.customFields = [field("industry", .choice, choices: ["saas", "retail"]), field("birthday", .date, personal: true)]
        }, role: .teamAdmin).get()
        let second = try decide(change(["custom_fields", "import_defaults.default_call_status"]) {
            $0.timeZone = "America/New_York"  // not in the mask: ignored
            $0.customFields = [field("budget", .number)]
            $0.importDefaults.defaultCallStatus = "attempting"
        }, role: .teamAdmin, after: first).get()
        let settings = decider.fold(first + second).settings
        #expect(settings.timeZone == "Europe/London")
        #expect(settings.timeFormat == .timeFormat24Hour)
        #expect(settings.customFields.map(\.key) == ["budget"], "a repeated field is replaced, not appended to")
        #expect(settings.importDefaults.defaultCallStatus == "attempting")
        #expect(try decide(change(["time_zone"]) { $0.timeZone = "Europe/London" }, role: .teamAdmin, after: first + second).get() == [],
            "a change to what is already there records nothing")
    }

    @Test("an invalid change names every problem and changes nothing")
    func invalid() {
        let result = decide(change([]) {
            $0.timeZone = "Mars/Olympus"
            $0.importDefaults.defaultPhoneRegion = "usa"
            $0.importDefaults.defaultCallStatus = "sleeping"
            $0.importDefaults.requiredFields = ["phone", "shoe_size"]
            $0.customFields = [field("industry", .choice), field("industry", .text, choices: ["x"]), field("phone", .text)]
            var caller = Callstack_V1_CallerID()
            caller.number = "555-0100"
            caller.country = "US"
            $0.phoneNumbers = [caller]
            $0.campaignDefaults.recycleDelaySeconds = 60
            $0.campaignDefaults.dialing.callingWindow.start = "21:00"
            $0.campaignDefaults.dialing.callingWindow.end = "08:00"
            $0.campaignDefaults.dialing.linesPerCaller = 3
            $0.campaignDefaults.dialing.mode = .preview
        }, role: .teamAdmin)
        guard case .failure(.several(let problems)) = result else {
            Issue.record("expected several problems, got \(result)")
            return
        }
        let text = problems.map(\.description).joined(separator: "\n")
        for expected in [
            "time_zone \"Mars/Olympus\"", "default_phone_region", "default_call_status sleeping", "required_fields names shoe_size",
            "custom_fields names industry more than once", "custom_fields[0] is a choice field without choices",
            "custom_fields[1] has choices", "custom_fields[2].key phone is a built-in", "phone_numbers[0].number", "phone_numbers[0].cost_per_minute",
            "phone_numbers[0].status", "campaign_defaults.recycle_delay_seconds must be at least 120",
            "campaign_defaults.dialing.calling_window must start before it ends", "lines_per_caller above 1 needs power mode",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
        #expect(decide(change(["time_zone", "favourite_colour"]) { _ in }, role: .teamAdmin)
            == .failure(.invalidCommand("update_mask names favourite_colour, which callstack.v1.WorkspaceSettings does not have")))
    }

    @Test("settings and billing are for Team Admins; scripts and playbooks for Campaign Managers too, each publish a new version")
    func permissionsAndVersions() throws {
        #expect(throws: DomainRejection.self) { try decide(change([]) { $0.timeZone = "UTC" }, role: .campaignManager).get() }
        var plan = Callstack_V1_ChangeBillingPlan()
        plan.plan = .agency
        plan.seats = 5
        #expect(throws: DomainRejection.self) { try decide(.billingPlan(plan), role: .campaignManager).get() }
        let billed = try decide(.billingPlan(plan), role: .teamAdmin).get()
        #expect(decider.fold(billed).billingPlan == .agency)
        #expect(try decide(.billingPlan(plan), role: .teamAdmin, after: billed).get() == [], "the same plan again changes nothing")

        var script = Callstack_V1_PublishScript()
        script.scriptID = "opener"
        script.title = "Opener"
        script.body = "Hello"
        #expect(throws: DomainRejection.self) { try decide(.publishScript(script), role: .caller).get() }
        let v1 = try decide(.publishScript(script), role: .campaignManager).get()
        let v2 = try decide(.publishScript(script), role: .campaignManager, after: v1).get()
        let state = decider.fold(v1 + v2)
        #expect(state.scripts["opener"] == 2)
        #expect(state.hasScript("opener", version: 1) && state.hasScript("opener", version: 2) && !state.hasScript("opener", version: 3))

        var template = Callstack_V1_PublishPlaybookTemplate()
        template.templateID = "discovery"
        template.name = "Discovery"
        #expect(decide(.publishPlaybookTemplate(template), role: .teamAdmin) == .failure(.invalidCommand("a playbook template needs at least one step")))
    }

    @Test("call statuses default to the product's nine; a version 1 settings event still applies")
    func defaultsAndLegacy() {
        #expect(SettingsState().callStatuses.map(\.statusID)
            == ["new", "attempting", "contacted", "callback", "qualified", "won", "lost", "do-not-call", "invalid"])
        var legacy = Callstack_V1_WorkspaceSettingsChanged()
        legacy.timeZone = "Europe/Paris"
        legacy.defaultCallStatus = "new"
        let state = decider.fold([.changedV1(legacy)])
        #expect(state.settings.timeZone == "Europe/Paris")
        #expect(state.settings.importDefaults.defaultCallStatus == "new")
    }
}
