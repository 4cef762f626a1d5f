import EventLogTestSupport
import Foundation
import Testing

@Suite("callstack exec", .serialized, .timeLimit(.minutes(2)))
struct ExecTests {
    static let lines = [
        #"{"id":"c1","actor":"ada","at":"2026-11-29T10:00:00Z","command":{"createWorkspace":{"workspaceId":"w-1","name":"Acme Outbound","adminMemberId":"ada","adminDisplayName":"Ada Lovelace","adminEmail":"ada@example.com"}}}"#,
        #"{"id":"c2","actor":"ada","at":"2026-11-29T10:01:00Z","command":{"inviteMember":{"memberId":"bo","displayName":"Bo","email":"bo@example.com","role":"ROLE_CALLER"}}}"#,
        #"{"id":"c3","actor":"bo","at":"2026-11-29T10:02:00Z","command":{"addClient":{"clientId":"globex","name":"Globex"}}}"#,
        #"{"id":"c4","actor":"ada","at":"2026-11-29T10:03:00Z","command":{"changeMemberRole":{"memberId":"ada","role":"ROLE_VIEWER"}}}"#,
        "not json",
        #"{"id":"c5","actor":"ada","at":"2026-11-29T10:04:00Z","command":{"setLabourRate":{"memberId":"bo","hourlyRate":{"minorUnits":"1800","currency":"GBP"}}}}"#,
        #"{"id":"c6","actor":"ada","at":"yesterday","command":{"addClient":{"clientId":"x","name":"X"}}}"#,
        #"{"id":"c7","actor":"ada","at":"2026-11-29T10:05:00Z","command":{"noSuchCommand":{}}}"#,
    ]

    @Test("each line's result is a JSON line; rejections and bad lines record nothing; a re-run replays")
    func exec() throws {
        let store = TemporaryStore("exec")
        let file = store.sibling("commands.jsonl")
        try (Self.lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let first = try CommandLineTool.run(["exec", file, "--store", store.path])
        #expect(first.status == 1, "a rejection makes the exit status 1")
        let results = try first.output.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        #expect(results.map { $0["status"] as? String } == [
            "accepted", "accepted", "rejected", "rejected", "invalid", "accepted", "invalid", "invalid",
        ])
        #expect(results[0]["positions"] as? [Int] == [1, 1] && results[5]["positions"] as? [Int] == [3, 3])
        #expect((results[2]["reason"] as? String)?.contains("bo may not create, rename or archive a client") == true)
        #expect((results[3]["reason"] as? String)?.contains("last Team Admin") == true)
        #expect(results[4]["line"] as? Int == 5)

        let again = try CommandLineTool.run(["exec", "-", "--store", store.path], input: Data(Self.lines[0...1].joined(separator: "\n").utf8))
        #expect(again.status == 0, "\(again.output) \(again.errorOutput)")
        #expect(again.output.split(separator: "\n").allSatisfy { $0.contains(#""status":"replayed""#) }, "\(again.output)")
        let stats = try CommandLineTool.run(["log", "stats", "--store", store.path])
        #expect(stats.output.contains("events       3"), "\(stats.output)")

        let windows = try CommandLineTool.run(
            ["exec", "-", "--store", store.path], input: Data((Self.lines[0] + "\r\n" + Self.lines[1] + "\r\n").utf8))
        #expect(windows.output.split(separator: "\n").count == 2, "CRLF lines are lines: \(windows.output)")
    }
}
