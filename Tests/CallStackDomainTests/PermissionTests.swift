import CallStackDomain
import Foundation
import Testing

/// The permission matrix, checked against answers written here as literals: not read from the
/// matrix the code uses, so a change to the matrix has to be made twice, on purpose.
@Suite("Permissions")
struct PermissionTests {
    /// Action → which of Team Admin, Campaign Manager, Caller, Viewer may (A, M, C, V).
    static let expected: [(Action, String)] = [
        (.inviteMember, "A"), (.changeMemberRole, "A"), (.deactivateMember, "A"), (.reactivateMember, "A"),
        (.setLabourRate, "A"), (.changeBillingPlan, "A"), (.forgetPersonalData, "A"), (.changeWorkspaceSettings, "A"),
        (.manageGlobalSuppression, "A"), (.exportWorkspace, "A"),
        (.manageClients, "AM"), (.manageClientSuppression, "AM"), (.publishScripts, "AM"), (.createCampaign, "AM"), (.editCampaignBrief, "AM"),
        (.changeCampaignStatus, "AM"), (.assignCallers, "AM"), (.importContacts, "AM"), (.editContact, "AM"),
        (.dial, "AMC"), (.addNote, "AMC"), (.saveOutcome, "AMC"),
        (.readWorkspace, "AMCV"), (.readCampaigns, "AMCV"), (.readContacts, "AMCV"), (.readReports, "AMV"),
        (.readSuppression, "AM"), (.readAuditTrail, "AM"), (.readImports, "AM"),
    ]

    static let letters: [Role: Character] = [.teamAdmin: "A", .campaignManager: "M", .caller: "C", .viewer: "V"]

    @Test("every action and every role gets the answer written here", arguments: Self.expected)
    func matrix(action: Action, roles: String) {
        for role in Role.allCases {
            let letter = Self.letters[role] ?? "?"
            #expect(PermissionMatrix.standard.allows(role, action) == roles.contains(letter), "\(role) may \(action)?")
        }
        #expect(!PermissionMatrix.standard.allows(nil, action), "a non-member may do nothing")
    }

    @Test("the literal table covers every action once")
    func complete() {
        #expect(Self.expected.map(\.0.rawValue).sorted() == Action.allCases.map(\.rawValue).sorted())
    }

    @Test("a refusal names the actor, the action and the roles that may")
    func refusal() {
        let viewer = CommandActor(memberID: "v-1", role: .viewer, atMicros: 0)
        #expect(throws: DomainRejection.notAuthorized(actor: "v-1", action: "save an outcome", requires: "Team Admin or Campaign Manager or Caller")) {
            try PermissionMatrix.standard.check(viewer, .saveOutcome).get()
        }
        let caller = CommandActor(memberID: "c-1", role: .caller, atMicros: 0)
        #expect((try? PermissionMatrix.standard.check(caller, .dial).get()) != nil)
    }

    @Test("docs/PERMISSIONS.md prints exactly the matrix")
    func documented() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/PERMISSIONS.md")
        let rows = try String(contentsOf: docs, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Action") }
        var documented: [String: Set<Role>] = [:]
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else { continue }
            documented[cells[0]] = Set(zip(Role.allCases, cells[1...]).filter { $0.1 == "yes" }.map(\.0))
        }
        let actual = Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0.rawValue, PermissionMatrix.standard.allowed[$0] ?? []) })
        #expect(documented == actual)
    }
}
