/// Everything a member can ask of the engine: every command and every query. The permission
/// matrix (``PermissionMatrix``) says which roles may do each.
public enum Action: String, Sendable, CaseIterable, CustomStringConvertible {
    // Members, roles, billing, personal data: Team Admins.
    case inviteMember = "invite a member"
    case changeMemberRole = "change a member's role"
    case deactivateMember = "deactivate a member"
    case reactivateMember = "reactivate a member"
    case setLabourRate = "set a member's labour rate"
    case changeBillingPlan = "change the billing plan"
    case forgetPersonalData = "forget a contact"
    case changeWorkspaceSettings = "change workspace settings"
    case manageGlobalSuppression = "add to or remove from the global suppression list"
    case exportWorkspace = "export the workspace"
    // Campaigns, clients, imports, client suppression: Campaign Managers too.
    case manageClients = "create, rename or archive a client"
    case manageClientSuppression = "add to or remove from a client's suppression list"
    case publishScripts = "publish call scripts and playbook templates"
    case createCampaign = "create a campaign"
    case editCampaignBrief = "edit a campaign's brief"
    case changeCampaignStatus = "change a campaign's status"
    case assignCallers = "assign callers to a campaign"
    case importContacts = "import contacts"
    case editContact = "edit a contact"
    // Calling: Callers too (in the campaigns they are assigned to).
    case dial = "dial a contact"
    case addNote = "add a note"
    case saveOutcome = "save an outcome"
    // Queries.
    case readWorkspace = "read the workspace"
    case readCampaigns = "read campaigns"
    case readContacts = "read contacts"
    case readReports = "read reports"
    case readSuppression = "read suppression lists"
    case readAuditTrail = "read the audit trail"
    case readImports = "read import history"

    public var description: String { rawValue }
}
