import ArgumentParser
import CallStack
import CallStackDomain
import CallStackEvents
import Foundation
import SwiftProtobuf

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the workspace, its settings, or a campaign with its effective settings.",
        discussion: """
            workspace: members (role, active, labour rate) and clients. settings: the workspace settings in \
            protobuf's JSON mapping, the billing plan, and the latest version of each script and playbook \
            template. campaign ID: its status, its brief (protobuf JSON), and every effective control with \
            where it came from (campaign, outcome, workspace or built-in). Reads the log only (read-only), \
            so it runs beside a service. With --as, asked as that member (a Caller sees only the campaigns \
            they are assigned to); without, as the store's operator.
            """
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case workspace, settings, campaign
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "workspace, settings or campaign.")
    var what: What

    @Argument(help: "The campaign's id (for campaign).")
    var id: String?

    @Option(name: .customLong("as"), help: "Ask as this member, checked against the permission matrix.")
    var member: String?

    func validate() throws {
        guard (what == .campaign) == (id != nil) else { throw ValidationError("campaign takes an id; workspace and settings take none") }
    }

    func run() throws {
        let reader = WorkspaceReader(log: try storeOptions.open(readOnly: true))
        do {
            switch what {
            case .workspace: print(Self.text(try member.map { try reader.queries(as: $0).workspace() } ?? reader.workspace()))
            case .settings: print(try Self.text(try member.map { try reader.queries(as: $0).settings() } ?? reader.settings()))
            case .campaign: try showCampaign(id ?? "", reader)
            }
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
    }

    private func showCampaign(_ id: String, _ reader: WorkspaceReader) throws {
        let view = member.map { reader.queries(as: $0) }
        guard let campaign = try view.map({ try $0.campaign(id) }) ?? reader.campaign(id) else { throw ValidationError("no campaign \(id)") }
        let settings = try view.map { try $0.settings() } ?? reader.settings()
        let effective = EffectiveSettings(brief: campaign.brief, workspace: settings.settings.campaignDefaults)
        print("campaign \(campaign.campaignID): \(CampaignLifecycle.name(campaign.status))")
        print("brief: \(try Self.json(campaign.brief))")
        print("effective settings:")
        for value in effective.values { print("  \(value.path) = \(value.value)  (\(value.source))") }
    }

    static func json(_ message: some SwiftProtobuf.Message) throws -> String {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return try message.jsonString(options: options)
    }

    static func text(_ workspace: WorkspaceState) -> String {
        var lines = ["workspace \(workspace.workspaceID ?? "(not created)")", "members:"]
        for id in workspace.members.keys.sorted() {
            guard let member = workspace.members[id] else { continue }
            let rate = member.hourlyRate.map { "  \($0)/h" } ?? ""
            lines.append("  \(id)  \(member.role?.description ?? "(unknown role)")\(member.active ? "" : "  (deactivated)")\(rate)")
        }
        lines.append("clients:")
        for id in workspace.clients.keys.sorted() {
            guard let client = workspace.clients[id] else { continue }
            lines.append("  \(id)  \(client.name)\(client.archived ? "  (archived)" : "")")
        }
        return lines.joined(separator: "\n")
    }

    static func text(_ state: SettingsState) throws -> String {
        var billing = Callstack_V1_ChangeBillingPlan()
        billing.plan = state.billingPlan
        billing.seats = state.seats
        var lines = ["settings: \(try json(state.settings))", "billing: \(try json(billing))"]
        lines.append("call statuses: " + state.callStatuses.map { $0.statusID + ($0.final ? " (final)" : "") }.joined(separator: ", "))
        for (id, version) in state.scripts.sorted(by: { $0.key < $1.key }) { lines.append("script \(id): version \(version)") }
        for (id, version) in state.playbookTemplates.sorted(by: { $0.key < $1.key }) { lines.append("playbook template \(id): version \(version)") }
        return lines.joined(separator: "\n")
    }
}
