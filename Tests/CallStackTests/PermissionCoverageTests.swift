import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import PersonalData
import SwiftProtobuf
import Testing

/// Every command and every query, asked through the engine by every role (and a stranger), with
/// the expected answers written here as literals: A Team Admin, M Campaign Manager, C Caller,
/// V Viewer, S a stranger (no member). A command counts as refused only when the engine says `notAuthorized`; an allowed
/// role may still be refused for another reason (an id taken by the role before it).
@Suite("Permissions through the engine", .timeLimit(.minutes(2)))
struct PermissionCoverageTests {
    typealias Command = Callstack_V1_CommandEnvelope.OneOf_Command

    static let members: [(id: String, letter: Character)] = [("ada", "A"), ("max", "M"), ("cal", "C"), ("vi", "V"), ("zed", "S")]

    /// Command (its CommandEnvelope field, then a variant after '/') → who may.
    static let commands: [(String, String)] = [
        ("create_workspace", "AMCVS"),  // the bootstrap: never a permission refusal (on a store that has one, "exists already")
        ("invite_member", "A"), ("change_member_role", "A"), ("deactivate_member", "A"), ("reactivate_member", "A"),
        ("set_labour_rate", "A"), ("add_client", "AM"), ("rename_client", "AM"), ("archive_client", "AM"),
        ("add_suppression_entry", "A"), ("add_suppression_entry/client", "AM"),
        ("remove_suppression_entry", "A"), ("remove_suppression_entry/client", "AM"),
        ("change_workspace_settings", "A"), ("change_billing_plan", "A"), ("publish_script", "AM"), ("publish_playbook_template", "AM"),
        ("forget_contact", "A"), ("create_campaign", "AM"), ("edit_campaign_brief", "AM"), ("edit_campaign_brief/callers", "AM"),
        ("change_campaign_status", "AM"), ("save_import_mapping", "AM"),
        ("edit_contact", "AM"), ("archive_contact", "AM"), ("unarchive_contact", "AM"), ("add_contact_note", "AMC"),
        // Calling, in spring (which assigns Cal): every step is refused or allowed before the contact is looked at.
        ("start_dial", "AMC"), ("connect_call", "AMC"), ("end_call", "AMC"), ("save_outcome", "AMC"), ("release_reservation", "AMC"),
        ("record_meeting_response", "AMC"), ("reassign_enrolment", "AM"),
        ("start_shift", "AMC"), ("start_shift/other", "AM"), ("end_shift", "AMC"), ("end_shift/other", "AM"),
    ]

    /// The command `name` as `member` issues it.
    static func command(_ name: String, by member: String) -> Command {
        switch name {
        case "create_workspace": .createWorkspace(.with { $0.workspaceID = "w2"; $0.name = "W2"; $0.adminMemberID = member; $0.adminDisplayName = member })
        case "invite_member": .inviteMember(.with { $0.memberID = "new-" + member; $0.displayName = "N"; $0.role = .viewer })
        case "change_member_role": .changeMemberRole(.with { $0.memberID = "tess"; $0.role = .viewer })
        case "deactivate_member": .deactivateMember(.with { $0.memberID = "tess" })
        case "reactivate_member": .reactivateMember(.with { $0.memberID = "tess" })
        case "set_labour_rate": .setLabourRate(.with { $0.memberID = "tess"; $0.hourlyRate = .with { $0.minorUnits = 1_500; $0.currency = "GBP" } })
        case "add_client": .addClient(.with { $0.clientID = "c-" + member; $0.name = "C" })
        case "rename_client": .renameClient(.with { $0.clientID = "acme"; $0.name = "Acme " + member })
        case "archive_client": .archiveClient(.with { $0.clientID = "acme" })
        case "add_suppression_entry", "add_suppression_entry/client":
            .addSuppressionEntry(.with {
                $0.clientID = name.hasSuffix("/client") ? "acme" : ""
                $0.entryID = "e-" + member
                $0.kind = .email
                $0.value = member + "@example.com"
                $0.reason = "asked"
            })
        case "remove_suppression_entry": .removeSuppressionEntry(.with { $0.entryID = "g-1" })
        case "remove_suppression_entry/client": .removeSuppressionEntry(.with { $0.clientID = "acme"; $0.entryID = "a-1" })
        case "change_workspace_settings": .changeWorkspaceSettings(.with { $0.settings.timeZone = "Europe/Paris"; $0.updateMask = .init(protoPaths: ["time_zone"]) })
        case "change_billing_plan": .changeBillingPlan(.with { $0.plan = .team; $0.seats = 3 })
        case "publish_script": .publishScript(.with { $0.scriptID = "opener"; $0.title = "T"; $0.body = "B" })
        case "publish_playbook_template": .publishPlaybookTemplate(.with { $0.templateID = "p"; $0.name = "P"; $0.steps = [.with { $0.stepID = "s"; $0.title = "S" }] })
        case "forget_contact": .forgetContact(.with { $0.contactID = "nobody" })
        case "create_campaign": .createCampaign(.with { $0.campaignID = "k-" + member; $0.clientID = "acme"; $0.name = "K" })
        case "edit_campaign_brief": .editCampaignBrief(.with { $0.campaignID = "spring"; $0.brief.targets.goal = member; $0.updateMask = .init(protoPaths: ["targets.goal"]) })
        case "edit_campaign_brief/callers":
            .editCampaignBrief(.with { $0.campaignID = "spring"; $0.brief.identity.assignedCallerIds = ["cal", "tess"]; $0.updateMask = .init(protoPaths: ["identity.assigned_caller_ids"]) })
        case "change_campaign_status": .changeCampaignStatus(.with { $0.campaignID = "spring"; $0.status = .active })
        case "edit_contact": .editContact(.with { $0.contactID = "nobody"; $0.values = [.with { $0.field = "company"; $0.value = "X" }] })
        case "archive_contact": .archiveContact(.with { $0.contactID = "nobody" })
        case "unarchive_contact": .unarchiveContact(.with { $0.contactID = "nobody" })
        case "add_contact_note": .addContactNote(.with { $0.contactID = "nobody"; $0.text = "called back" })
        case "save_import_mapping": .saveImportMapping(.with { $0.headers = ["Name", "Phone " + member]; $0.fields = ["name", "phone"] })
        case "start_dial": .startDial(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.reservationID = "r"; $0.callID = "k" })
        case "connect_call": .connectCall(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.callID = "k" })
        case "end_call": .endCall(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.callID = "k"; $0.result = .busy })
        case "save_outcome": .saveOutcome(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.callID = "k"; $0.capture.outcomeID = "won" })
        case "release_reservation": .releaseReservation(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.reservationID = "r" })
        case "record_meeting_response": .recordMeetingResponse(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.meetingID = "m"; $0.accepted = true })
        case "reassign_enrolment": .reassignEnrolment(.with { $0.contactID = "nobody"; $0.campaignID = "spring"; $0.toMemberID = "tess" })
        case "start_shift": .startShift(.with { $0.memberID = member })
        case "start_shift/other": .startShift(.with { $0.memberID = "tess" })
        case "end_shift": .endShift(.with { $0.memberID = member })
        case "end_shift/other": .endShift(.with { $0.memberID = "tess" })
        default: .createWorkspace(.init())
        }
    }

    static func envelope(_ id: String, by member: String, _ command: Command) -> Callstack_V1_CommandEnvelope {
        .with {
            $0.commandID = id
            $0.actorMemberID = member
            $0.atMicros = 1_800_000_000_000_000
            $0.command = command
        }
    }

    /// Ada, Max, Cal, Vi with their roles and Tess (a Caller) to act on; client acme; campaign
    /// spring (ready to activate, Cal assigned); an entry on each suppression list.
    static func populate(_ engine: Engine) async throws {
        let setup: [(String, Command)] = [
            ("ada", .createWorkspace(.with { $0.workspaceID = "w"; $0.name = "W"; $0.adminMemberID = "ada"; $0.adminDisplayName = "Ada" })),
            ("ada", .inviteMember(.with { $0.memberID = "max"; $0.displayName = "Max"; $0.role = .campaignManager })),
            ("ada", .inviteMember(.with { $0.memberID = "cal"; $0.displayName = "Cal"; $0.role = .caller })),
            ("ada", .inviteMember(.with { $0.memberID = "vi"; $0.displayName = "Vi"; $0.role = .viewer })),
            ("ada", .inviteMember(.with { $0.memberID = "tess"; $0.displayName = "Tess"; $0.role = .caller })),
            ("ada", .addClient(.with { $0.clientID = "acme"; $0.name = "Acme" })),
            ("ada", .addSuppressionEntry(.with { $0.entryID = "g-1"; $0.kind = .phone; $0.value = "+442079460000"; $0.reason = "TPS" })),
            ("ada", .addSuppressionEntry(.with { $0.clientID = "acme"; $0.entryID = "a-1"; $0.kind = .emailDomain; $0.value = "initech.example"; $0.reason = "rival" })),
            ("max", .createCampaign(.with {
                $0.campaignID = "spring"
                $0.clientID = "acme"
                $0.name = "Spring"
                $0.brief.identity.assignedCallerIds = ["cal"]
                $0.brief.callHandling.outcomes = [.with { $0.outcomeID = "won"; $0.label = "Won"; $0.flags = [.final] }]
                $0.brief.dialing.callingWindow = .with { $0.start = "09:00"; $0.end = "17:00" }
            })),
        ]
        for (index, (member, command)) in setup.enumerated() {
            let outcome = try await engine.handle(envelope("setup-\(index)", by: member, command))
            guard case .accepted = outcome else { throw DomainRejection.invalidCommand("setup \(index): \(outcome)") }
        }
    }

    static func isRefusal(_ outcome: CommandOutcome) -> Bool {
        guard case .rejected(let rejection) = outcome else { return false }
        return isRefusal(rejection)
    }

    static func isRefusal(_ rejection: DomainRejection) -> Bool {
        switch rejection {
        case .notAuthorized: true
        case .several(let problems): problems.contains(where: isRefusal)
        default: false
        }
    }

    @Test("every command, by every role", arguments: Self.commands)
    func command(name: String, allowed: String) async throws {
        let store = TemporaryStore("permissions")
        let engine = try Engine.open(at: store.path, keySource: .seeded(31), durability: .unsafeNoSync)
        defer { engine.close() }
        try await Self.populate(engine)
        for (member, letter) in Self.members {
            let head = try engine.log.headPosition()
            let outcome = try await engine.handle(Self.envelope("\(name)-\(member)", by: member, Self.command(name, by: member)))
            let mayDo = allowed.contains(letter)
            #expect(Self.isRefusal(outcome) == !mayDo, "\(member) \(name): \(outcome)")
            if Self.isRefusal(outcome) { #expect(try engine.log.headPosition() == head, "a refusal records nothing") }
        }
    }

    @Test("the command table covers every command of the envelope")
    func everyCommand() {
        let envelopeFields: Set<String> = ["command_id", "actor_member_id", "at_micros"]
        let all = Set(Google_Protobuf_FieldMask(allFieldsOf: Callstack_V1_CommandEnvelope.self).paths).subtracting(envelopeFields)
        let covered = Set(Self.commands.map { String($0.0.split(separator: "/")[0]) })
        #expect(covered == all)
    }

    /// Query → who may.
    static let queries: [(String, String)] = [
        ("workspace", "AMCV"), ("settings", "AMCV"), ("suppression_entries", "AM"), ("suppression", "AMCV"),
        ("campaign", "AMCV"), ("effective_settings", "AMCV"), ("audit_trail", "AM"), ("import_history", "AM"),
        ("search_contacts", "AMCV"), ("contact", "AMCV"),
    ]

    static func ask(_ query: String, as member: String, _ engine: Engine, _ trail: AuditTrail) throws {
        let view = engine.queries(as: member)
        switch query {
        case "workspace": _ = try view.workspace()
        case "settings": _ = try view.settings()
        case "suppression_entries": _ = try view.suppressionEntries(client: "acme")
        case "suppression": _ = try view.suppression(phone: try E164Phone("+442079460000"), email: nil, client: "acme", at: BusinessTime(micros: 0))
        case "campaign": _ = try view.campaign("spring")
        case "effective_settings": _ = try view.effectiveSettings(campaign: "spring")
        case "audit_trail": _ = try trail.entries(.campaign("spring"), as: member)
        case "import_history": _ = try view.importHistory()
        case "search_contacts": _ = try engine.searchContacts(ContactQuery(), asking: member)
        case "contact": _ = try engine.contact("nobody", asking: member)
        default: Issue.record("no query \(query)")
        }
    }

    @Test("every query, by every role; a Caller reads only the campaigns they are assigned to")
    func queries() async throws {
        let store = TemporaryStore("permissions")
        let engine = try Engine.open(at: store.path, keySource: .seeded(32), durability: .unsafeNoSync)
        defer { engine.close() }
        try await Self.populate(engine)
        let projections = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path), durability: .unsafeNoSync)
        defer { projections.close() }
        let trail = AuditTrail(log: engine.log, projections: projections)
        for (query, allowed) in Self.queries {
            for (member, letter) in Self.members {
                let mayAsk = allowed.contains(letter)
                do {
                    try Self.ask(query, as: member, engine, trail)
                    #expect(mayAsk, "\(member) asked \(query)")
                } catch let rejection as DomainRejection {
                    #expect(!mayAsk && Self.isRefusal(rejection), "\(member) \(query): \(rejection)")
                }
            }
        }
        #expect(throws: DomainRejection.self, "Tess is a Caller not assigned to spring") { try engine.queries(as: "tess").campaign("spring") }
        #expect(try engine.queries(as: "cal").effectiveSettings(campaign: "spring")?.value("dialing.calling_window")?.source == .campaign)
    }
}
