import EventLogTestSupport
import Foundation
import Testing

/// The agency scenario (`Fixtures/scenarios/agency.jsonl`): a workspace with all four roles, two
/// clients and three campaigns taken through their lifecycles, driven through `callstack exec` on a
/// fresh store. Its `exec` results and audit trails are compared with the golden files beside it;
/// `CALLSTACK_WRITE_SCENARIO=1` rewrites them (review the diff before committing).
@Suite("The agency scenario", .serialized, .timeLimit(.minutes(2)))
struct ScenarioTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/scenarios")

    /// Output file → the `callstack` arguments (after the store) that print it.
    static let trails: [(String, [String])] = [
        ("agency.audit-campaign-spring.golden", ["audit", "campaign", "spring", "--as", "max"]),
        ("agency.audit-member-max.golden", ["audit", "member", "max", "--as", "ada"]),
        ("agency.audit-stream-workspace.golden", ["audit", "stream", "workspace"]),
        ("agency.audit-member-cy.json.golden", ["audit", "member", "cy", "--json"]),
        ("agency.audit-campaign-renewals-at.golden", ["audit", "campaign", "renewals", "--at", "2027-03-01T11:30:00Z"]),
        ("agency.show-campaign-renewals.golden", ["show", "campaign", "renewals", "--as", "cy"]),
        ("agency.show-settings.golden", ["show", "settings"]),
        ("agency.show-workspace.golden", ["show", "workspace", "--as", "vi"]),
    ]

    private func compare(_ output: String, with name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CALLSTACK_WRITE_SCENARIO"] == "1" {
            try output.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(output == golden, "\(name) differs from its golden file")
    }

    @Test("the scenario runs through exec on a fresh store, and its audit trails are the golden ones")
    func scenario() throws {
        let store = TemporaryStore("scenario")
        let script = Self.folder.appendingPathComponent("agency.jsonl").path
        let run = try CommandLineTool.run(["exec", script, "--store", store.path])
        #expect(run.status == 0, "\(run.output)\(run.errorOutput)")
        #expect(!run.output.contains(#""status":"rejected""#))
        try compare(run.output, with: "agency.exec.golden")
        for (name, arguments) in Self.trails {
            let audit = try CommandLineTool.run(arguments + ["--store", store.path])
            #expect(audit.status == 0, "\(arguments): \(audit.errorOutput)")
            try compare(audit.output, with: name)
        }

        let verify = try CommandLineTool.run(["verify", "--store", store.path])
        #expect(verify.status == 0 && verify.output.contains("audit-trail ok"), "\(verify.output)")

        let csv = Self.folder.deletingLastPathComponent().appendingPathComponent("csv/excel-semicolons-bom.csv").path
        let rejectedFile = store.sibling("rejected.csv")
        let preview = try CommandLineTool.run(
            ["import", "preview", csv, "--campaign", "renewals", "--as", "max", "--at", "2027-03-02T10:00:00Z", "--rejected", rejectedFile, "--store", store.path])
        #expect(preview.status == 0 && preview.output.contains("rows 13: accepted"), "\(preview.output)\(preview.errorOutput)")
        let rejectedRows = try String(contentsOfFile: rejectedFile, encoding: .utf8).split(separator: "\r\n")
        #expect(rejectedRows.first?.hasSuffix("line,reason_codes,message") == true && rejectedRows.contains { $0.hasPrefix("Bo Jones,'=+442079460124,") })
        let commit = try CommandLineTool.run(
            ["import", "commit", csv, "--campaign", "renewals", "--as", "max", "--id", "agency-1", "--at", "2027-03-02T10:00:00Z", "--store", store.path])
        #expect(commit.status == 0 && commit.output.contains("rows 13: created"), "\(commit.output)\(commit.errorOutput)")
        let history = try CommandLineTool.run(["import", "history", "--as", "max", "--id", "agency-1", "--json", "--store", store.path])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(history.output.utf8)) as? [String: Any], "\(history.errorOutput)")
        let rows = try #require(record["rows"] as? [[String: Any]])
        #expect(record["state"] as? String == "committed" && rows.count == 13)
        let rejectedCount = rows.count { $0["action"] as? String == "rejected" }
        let exportFile = store.sibling("rejected-again.csv")
        let export = try CommandLineTool.run(["import", "rejected", "agency-1", exportFile, "--as", "max", "--file", csv, "--store", store.path])
        #expect(export.status == 0, "\(export.errorOutput)")
        let exported = try String(contentsOfFile: exportFile, encoding: .utf8).split(separator: "\r\n")
        #expect(exported.count == rejectedCount + 1 && exported.first?.hasSuffix("line,reason_codes,message") == true)
        let wrongFile = try CommandLineTool.run(
            ["import", "rejected", "agency-1", exportFile, "--as", "max", "--file", script, "--store", store.path])
        #expect(wrongFile.status != 0 && wrongFile.errorOutput.contains("SHA-256 differs"))
        let viewer = try CommandLineTool.run(["import", "commit", csv, "--campaign", "renewals", "--as", "vi", "--id", "agency-2", "--store", store.path])
        #expect(viewer.status != 0 && viewer.errorOutput.contains("may not import contacts"), "\(viewer.errorOutput)")

        try contacts(store)

        let again = try CommandLineTool.run(["exec", script, "--store", store.path])
        #expect(again.status == 0)
        #expect(again.output.split(separator: "\n").allSatisfy { $0.contains(#""status":"replayed""#) }, "a re-run records nothing new")

        let unassigned = try CommandLineTool.run(["show", "campaign", "spring", "--as", "cy", "--store", store.path])
        #expect(unassigned.status != 0 && unassigned.errorOutput.contains("they are not assigned to"), "\(unassigned.errorOutput)")

        for member in ["vi", "cal", "nobody"] {
            let refused = try CommandLineTool.run(["audit", "campaign", "spring", "--as", member, "--store", store.path])
            #expect(refused.status != 0, "\(member) may not read the audit trail")
            #expect(refused.errorOutput.contains("may not read the audit trail"), "\(refused.errorOutput)")
        }
    }

    /// `callstack contacts` on the imported contacts: search, edit (and a refused edit), note, show, archive.
    private func contacts(_ store: TemporaryStore) throws {
        func callstack(_ arguments: [String]) throws -> (status: Int32, output: String, errorOutput: String) {
            let run = try CommandLineTool.run(["contacts"] + arguments + ["--store", store.path])
            return (run.status, run.output, run.errorOutput)
        }
        let search = try callstack(["search", "--as", "max", "--name", "JANE", "--json"])
        let lines = search.output.split(separator: "\n")
        #expect(search.status == 0 && lines.count == 2, "\(search.output)\(search.errorOutput)")
        #expect(lines.first?.contains(#""contact_id":"agency-1.2""#) == true && lines.first?.contains("Jane Doe") == true)
        #expect(lines.last == #"{"next":null,"total":1}"#)
        let edit = try callstack(["edit", "agency-1.2", "--set", "company=Initech", "--set", "phone=+44 20 7946 0999", "--as", "max", "--at", "2027-03-02T11:00:00Z"])
        #expect(edit.status == 0 && edit.output.contains("contact agency-1.2 edited at position"), "\(edit.output)\(edit.errorOutput)")
        let refused = try callstack(["edit", "agency-1.2", "--set", "phone=call me", "--as", "max"])
        #expect(refused.status != 0 && refused.errorOutput.contains("[phone_"), "\(refused.errorOutput)")
        let note = try callstack(["note", "agency-1.2", "Asked for a callback", "--campaign", "renewals", "--as", "max"])
        #expect(note.status == 0, "\(note.errorOutput)")
        let show = try callstack(["show", "agency-1.2", "--as", "max"])
        #expect(show.output.contains("company   Initech") && show.output.contains("+442079460999") && show.output.contains("Asked for a callback"), "\(show.output)")
        let audit = try CommandLineTool.run(["audit", "contact", "agency-1.2", "--as", "max", "--store", store.path])
        #expect(audit.output.contains("ContactEdited") && audit.output.contains("company: Acme → Initech"), "\(audit.output)")
        #expect(audit.output.contains("phones[#0].number_e164: (sealed) → (sealed)"), "a replaced sealed value shows as a change: \(audit.output)")
        #expect(!audit.output.contains("name: (sealed) → (none)"), "an edit leaves the groups it does not name")
        #expect(try callstack(["archive", "agency-1.2", "--reason", "duplicate", "--as", "max"]).status == 0)
        #expect(try callstack(["search", "--as", "max", "--name", "jane"]).output.contains("0 shown of 0"))
    }
}
