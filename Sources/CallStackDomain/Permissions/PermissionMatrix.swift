/// Which roles may perform which action: data, not code scattered through the deciders. Every
/// command and every query is checked against it (``check(_:_:)``); `docs/PERMISSIONS.md` prints
/// it, and a test keeps the two equal.
///
/// The matrix speaks of roles only. Scope comes on top, in the deciders: a Caller calls, adds notes
/// and saves outcomes only in the campaigns they are assigned to, and reads only those.
public struct PermissionMatrix: Sendable {
    /// Action → the roles that may perform it.
    public let allowed: [Action: Set<Role>]

    public init(_ allowed: [Action: Set<Role>]) {
        self.allowed = allowed
    }

    /// The product's matrix.
    public static let standard = PermissionMatrix([
        .inviteMember: [.teamAdmin],
        .changeMemberRole: [.teamAdmin],
        .deactivateMember: [.teamAdmin],
        .reactivateMember: [.teamAdmin],
        .setLabourRate: [.teamAdmin],
        .changeBillingPlan: [.teamAdmin],
        .forgetPersonalData: [.teamAdmin],
        .changeWorkspaceSettings: [.teamAdmin],
        .manageGlobalSuppression: [.teamAdmin],
        .exportWorkspace: [.teamAdmin],
        .manageClients: [.teamAdmin, .campaignManager],
        .manageClientSuppression: [.teamAdmin, .campaignManager],
        .publishScripts: [.teamAdmin, .campaignManager],
        .createCampaign: [.teamAdmin, .campaignManager],
        .editCampaignBrief: [.teamAdmin, .campaignManager],
        .changeCampaignStatus: [.teamAdmin, .campaignManager],
        .assignCallers: [.teamAdmin, .campaignManager],
        .importContacts: [.teamAdmin, .campaignManager],
        .editContact: [.teamAdmin, .campaignManager],
        .dial: [.teamAdmin, .campaignManager, .caller],
        .addNote: [.teamAdmin, .campaignManager, .caller],
        .saveOutcome: [.teamAdmin, .campaignManager, .caller],
        .readWorkspace: [.teamAdmin, .campaignManager, .caller, .viewer],
        .readCampaigns: [.teamAdmin, .campaignManager, .caller, .viewer],
        .readContacts: [.teamAdmin, .campaignManager, .caller, .viewer],
        .readReports: [.teamAdmin, .campaignManager, .viewer],
        .readSuppression: [.teamAdmin, .campaignManager],
        .readAuditTrail: [.teamAdmin, .campaignManager],
        .readImports: [.teamAdmin, .campaignManager],
    ])

    /// True when `role` may perform `action`; never for someone without a role (not a member).
    public func allows(_ role: Role?, _ action: Action) -> Bool {
        guard let role else { return false }
        return allowed[action]?.contains(role) ?? false
    }

    /// Succeeds when `actor`'s role allows `action`; otherwise the rejection names the roles that do.
    public func check(_ actor: CommandActor, _ action: Action) -> Result<Void, DomainRejection> {
        if allows(actor.role, action) { return .success(()) }
        let roles = (allowed[action] ?? []).sorted().map(\.description)
        return .failure(.notAuthorized(
            actor: actor.memberID, action: action.description,
            requires: roles.isEmpty ? "no role" : roles.joined(separator: " or ")))
    }
}
