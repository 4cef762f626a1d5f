// A small service that embeds the CallStack engine: it opens a store, bootstraps a workspace,
// invites a caller, adds a suppression entry, asks whether a number may be called, sets workspace
// campaign defaults, creates and launches a campaign, and prints its effective dialing controls
// with where each came from. `make test` builds and runs it (EmbeddingServiceTests).
//
// Usage: EmbeddingService STORE_FOLDER
import CallStack
import CallStackDomain
import CallStackEvents
import Foundation
import SwiftProtobuf

@main
struct EmbeddingService {
    static func main() async throws {
        guard CommandLine.arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: EmbeddingService STORE_FOLDER\n".utf8))
            exit(64)
        }
        let engine = try Engine.open(at: CommandLine.arguments[1])
        defer { engine.close() }
        let now = try BusinessTime(Date())

        var create = Callstack_V1_CreateWorkspace()
        create.workspaceID = "acme-outbound"
        create.name = "Acme Outbound"
        create.adminMemberID = "ada"
        create.adminDisplayName = "Ada Lovelace"
        create.adminEmail = "ada@example.com"
        try await report("create workspace", engine.handle(.createWorkspace(create), id: "bootstrap-1", by: "ada", at: now))

        var invite = Callstack_V1_InviteMember()
        invite.memberID = "bo"
        invite.displayName = "Bo"
        invite.role = .caller
        try await report("invite bo", engine.handle(.inviteMember(invite), id: "invite-bo", by: "ada", at: now))

        var entry = Callstack_V1_AddSuppressionEntry()
        entry.entryID = "dnc-1"
        entry.kind = .phone
        entry.value = "+44 7700 900123"
        entry.reason = "asked not to be called"
        entry.source = "caller"
        try await report("suppress +447700900123", engine.handle(.addSuppressionEntry(entry), id: "dnc-1", by: "ada", at: now))
        try await report("bo suppresses too", engine.handle(.addSuppressionEntry(entry), id: "dnc-2", by: "bo", at: now))

        let hit = try engine.suppression(phone: E164Phone("+447700900123"), email: nil, client: nil, at: now)
        print("may call +447700900123: \(hit == nil ? "yes" : "no (\(hit?.reason ?? ""))")")
        print("members: \(try engine.workspace().members.keys.sorted().joined(separator: ", "))")

        try await launchCampaign(engine, at: now)
    }

    /// Workspace defaults, a client, a campaign that overrides some of them, and its activation.
    static func launchCampaign(_ engine: Engine, at now: BusinessTime) async throws {
        var defaults = Callstack_V1_ChangeWorkspaceSettings()
        defaults.settings.campaignDefaults.dialing.mode = .progressive
        defaults.settings.campaignDefaults.dialing.callingWindow.start = "09:00"
        defaults.settings.campaignDefaults.dialing.callingWindow.end = "20:00"
        defaults.updateMask = Google_Protobuf_FieldMask(protoPaths: ["campaign_defaults"])
        try await report("workspace defaults", engine.handle(.changeWorkspaceSettings(defaults), id: "defaults-1", by: "ada", at: now))

        var client = Callstack_V1_AddClient()
        client.clientID = "globex"
        client.name = "Globex"
        try await report("add client globex", engine.handle(.addClient(client), id: "client-globex", by: "ada", at: now))

        var campaign = Callstack_V1_CreateCampaign()
        campaign.campaignID = "spring"
        campaign.clientID = "globex"
        campaign.name = "Spring pipeline"
        campaign.brief.identity.assignedCallerIds = ["bo"]
        try await report("create campaign spring", engine.handle(.createCampaign(campaign), id: "campaign-spring", by: "ada", at: now))

        var activate = Callstack_V1_ChangeCampaignStatus()
        activate.campaignID = "spring"
        activate.status = .active
        try await report("activate spring", engine.handle(.changeCampaignStatus(activate), id: "activate-1", by: "ada", at: now))

        var outcomes = Callstack_V1_EditCampaignBrief()
        outcomes.campaignID = "spring"
        var meeting = Callstack_V1_OutcomeDefinition()
        meeting.outcomeID = "meeting"
        meeting.label = "Meeting booked"
        meeting.flags = [.connect, .meeting, .final]
        meeting.requirements = [.notes, .meeting]
        outcomes.brief.callHandling.outcomes = [meeting]
        outcomes.brief.dialing.callingWindow.start = "10:00"
        outcomes.brief.dialing.callingWindow.end = "18:00"
        outcomes.updateMask = Google_Protobuf_FieldMask(protoPaths: ["call_handling.outcomes", "dialing.calling_window"])
        try await report("outcomes and window", engine.handle(.editCampaignBrief(outcomes), id: "brief-1", by: "ada", at: now))
        try await report("activate spring", engine.handle(.changeCampaignStatus(activate), id: "activate-2", by: "ada", at: now))

        guard let effective = try engine.queries(as: "bo").effectiveSettings(campaign: "spring") else { return }
        for path in ["dialing.mode", "dialing.calling_window", "max_attempts"] {
            guard let value = effective.value(path) else { continue }
            print("\(path) = \(value.value) (\(value.source))")
        }
    }

    static func report(_ what: String, _ outcome: CommandOutcome) {
        switch outcome {
        case .accepted(let positions, let replayed):
            print("\(what): \(replayed ? "already done" : "done")\(positions.map { " at \($0.lowerBound)" } ?? "")")
        case .rejected(let why):
            print("\(what): refused: \(why)")
        }
    }
}
