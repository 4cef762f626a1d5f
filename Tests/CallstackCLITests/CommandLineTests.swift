import EventLog
import EventLogTestSupport
import Foundation
import Testing

/// The README's commands, run as a user would, with their output checked.
@Suite("The command line", .serialized, .timeLimit(.minutes(3)))
struct CommandLineTests {
    @Test("demo writes a burst from concurrent callers, then prints stats and a sound verification")
    func demo() throws {
        let store = TemporaryStore("demo")
        let run = try CommandLineTool.run(["demo", "burst", "--store", store.path, "--contacts", "600", "--callers", "4", "--calls", "25"])
        #expect(run.status == 0, "\(run.errorOutput)")
        let lines = run.output.split(separator: "\n").map(String.init)
        // Set-up: workspace created + settings + 4 members + a client, campaign + 5 outcomes; the
        // import: previewed, 600 contacts × 2, 2 chunks accepted; then 100 calls × 2 events.
        let events = (1 + 1 + 4 + 1) + (1 + 5) + (1 + 600 * 2 + 2) + 4 * 25 * 2
        #expect(lines.contains("events       \(events)"), "\(lines)")
        #expect(lines.contains { $0.hasPrefix("verify       ok: \(events) records") })
        #expect(lines.contains { $0.hasPrefix("this run") && $0.contains("commits") })
        let again = try CommandLineTool.run([
            "demo", "burst", "--store", store.path, "--contacts", "10", "--calls", "1", "--durability", "relaxed",
        ])
        #expect(again.status == 0, "a second demo on the same store failed: \(again.errorOutput)")
        let stats = try CommandLineTool.run(["log", "stats", "--store", store.path])
        #expect(stats.output.contains("durability   relaxed (the last writer's)"), "\(stats.output)")
        // Every demo payload is a contract message: the whole store replays.
        let replay = try CommandLineTool.run(["replay", "--store", store.path])
        #expect(replay.status == 0 && replay.output.hasPrefix("event-counts v1  position "), "\(replay.errorOutput)")
        let head = try #require(stats.output.split(separator: "\n").first { $0.hasPrefix("events ") }?.split(separator: " ").last)
        try forget(afterDemo: lines, store: store, head: try #require(Int(head)))
    }

    /// The demo's hint works: its admin may forget a contact; a caller may not.
    private func forget(afterDemo lines: [String], store: TemporaryStore, head: Int) throws {
        let hint = try #require(lines.first { $0.hasPrefix("try          callstack forget contact ") })
        let arguments = hint.dropFirst("try          callstack ".count).split(separator: " ").map(String.init)
        let refused = try CommandLineTool.run(["forget", "contact", arguments[2], "--as", "caller-0", "--store", store.path])
        #expect(refused.status == 1 && refused.errorOutput.contains("caller-0 may not forget a contact"), "\(refused.errorOutput)")
        let forgot = try CommandLineTool.run(arguments + ["--store", store.path])
        #expect(forgot.status == 0, "\(forgot.errorOutput)")
        #expect(forgot.output.contains("key          deleted"), "\(forgot.output)")
        #expect(forgot.output.contains("lookups      2 keyed hashes deleted"))
        #expect(forgot.output.contains("recorded     ContactForgotten at position \(head + 1)"), "\(forgot.output)")
        let verify = try CommandLineTool.run(["log", "verify", "--store", store.path])
        #expect(verify.status == 0, "the log stays valid after a forget: \(verify.output)")
    }

    @Test("tail prints one JSON object per event with the envelope, from a position, up to a limit")
    func tail() async throws {
        let store = TemporaryStore("tail")
        let log = try store.open()
        let correlation = EventID.make()
        try await log.append(
            AppendBatch(stream: "contact-\"7\"", events: [
                ProposedEvent(type: "Created", schemaVersion: 2, actor: "m-1", correlationID: correlation, payload: [0, 255]),
                Sample.event(), Sample.event(),
            ]), at: Date(timeIntervalSince1970: 1_764_424_980))
        log.close()
        let run = try CommandLineTool.run(["log", "tail", "--store", store.path, "--from", "1", "--limit", "2"])
        let lines = run.output.split(separator: "\n")
        #expect(run.status == 0 && lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["position"] as? Int == 1 && first["streamVersion"] as? Int == 1)
        #expect(first["stream"] as? String == "contact-\"7\"" && first["type"] as? String == "Created")
        #expect(first["schemaVersion"] as? Int == 2 && first["actor"] as? String == "m-1")
        #expect(first["correlationId"] as? String == correlation.description && first["causationId"] is NSNull)
        #expect(first["payload"] as? String == "AP8=" && first["recordedAt"] as? String == "2025-11-29T14:03:00.000000Z")
        #expect((first["chainHash"] as? String)?.count == 64)
        let usage = try CommandLineTool.run(["log", "tail", "--store", store.path, "--limit", "0"])
        #expect(usage.status == 64)
    }

    @Test("position maps a time to the last event recorded by then")
    func position() async throws {
        let store = TemporaryStore("position")
        let log = try store.open()
        try await log.append(Sample.batch("s", count: 2), at: Date(timeIntervalSince1970: 1_800_000_000))
        try await log.append(Sample.batch("s"), at: Date(timeIntervalSince1970: 1_800_000_060))
        log.close()
        func position(_ time: String) throws -> String {
            try CommandLineTool.run(["log", "position", "--store", store.path, "--at", time]).output
        }
        #expect(try position("2027-01-15T08:00:30Z") == "2\n")
        #expect(try position("2027-01-15T08:01:00Z") == "3\n")
        #expect(try position("2020-01-01T00:00:00Z") == "0\n")
        #expect(try CommandLineTool.run(["log", "position", "--store", store.path, "--at", "yesterday"]).status == 64)
    }
}
