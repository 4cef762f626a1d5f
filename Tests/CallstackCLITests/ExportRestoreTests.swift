import CallStack
import CallStackEvents
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import PersonalData
import Projections
import Testing

/// `export`, `restore` and the top-level `verify`, run as a user would.
@Suite("Export, restore and verify", .serialized, .timeLimit(.minutes(3)))
struct ExportRestoreTests {
    /// A demo store with one contact forgotten, and a passphrase file beside it.
    static func demoStore() throws -> (store: TemporaryStore, passphrase: String) {
        let store = TemporaryStore("export")
        let demo = try CommandLineTool.run(["demo", "burst", "--store", store.path, "--contacts", "300", "--callers", "2", "--calls", "20"])
        #expect(demo.status == 0, "\(demo.errorOutput)")
        let forget = try CommandLineTool.run(["forget", "contact", "0-1", "--as", "admin", "--store", store.path])
        #expect(forget.status == 0, "\(forget.errorOutput)")
        let passphrase = store.sibling("passphrase")
        try "correct horse battery staple\n".write(toFile: passphrase, atomically: true, encoding: .utf8)
        return (store, passphrase)
    }

    static func head(_ path: String) throws -> String {
        let stats = try CommandLineTool.run(["log", "stats", "--store", path])
        return stats.output.split(separator: "\n").first { $0.hasPrefix("head ") }.map(String.init) ?? "none"
    }

    /// The opened card of a contact in the store at `path`.
    static func card(_ contactID: String, in path: String) throws -> ContactCard? {
        let engine = try Engine.open(at: path)
        defer { engine.close() }
        for record in try engine.log.read(stream: Engine.contactStream(contactID)) where record.type == "ContactCreated" {
            let message = try EventRegistry.callstack.decodeCurrent(record.type, version: record.schemaVersion, payload: record.payload)
            if let created = message as? Callstack_V1_ContactCreated { return try engine.keys.openContact(created) }
        }
        return nil
    }

    @Test("export → restore → export is byte-identical, with the same chain; keys come along encrypted")
    func roundTrip() throws {
        let (store, passphrase) = try Self.demoStore()
        let exported = store.sibling("export.jsonl"), bundle = store.sibling("keys.bundle")
        let export = try CommandLineTool.run([
            "export", "--store", store.path, "--output", exported, "--keys", bundle, "--passphrase-file", passphrase,
        ])
        #expect(export.status == 0, "\(export.errorOutput)")
        let bundleBytes = try Data(contentsOf: URL(fileURLWithPath: bundle))
        #expect(bundleBytes.range(of: Data("Ada".utf8)) == nil && bundleBytes.prefix(8) == Data("CSKEYS1\n".utf8))

        let restored = store.sibling("restored")
        let restore = try CommandLineTool.run([
            "restore", exported, "--store", restored, "--keys", bundle, "--passphrase-file", passphrase,
        ])
        #expect(restore.status == 0, "\(restore.errorOutput)")
        #expect(restore.output.contains("verify       ok; head "), "\(restore.output)")
        #expect(try Self.head(restored) == Self.head(store.path), "same positions, same chain")

        let again = store.sibling("again.jsonl")
        #expect(try CommandLineTool.run(["export", "--store", restored, "--output", again]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == Data(contentsOf: URL(fileURLWithPath: exported)))

        #expect(try Self.card("0-2", in: restored)?.name.text != nil, "the keys came along")
        #expect(try Self.card("0-1", in: restored)?.name == .erased, "a forgotten contact stays forgotten")
        let verify = try CommandLineTool.run(["verify", "--store", restored])
        #expect(verify.status == 0, "\(verify.output)")
    }

    @Test("log backup copies the key store too, so the copy still reads personal data")
    func backupWithKeys() throws {
        let (store, _) = try Self.demoStore()
        let copy = store.sibling("backup")
        let backup = try CommandLineTool.run(["log", "backup", "--store", store.path, copy])
        #expect(backup.status == 0 && backup.output.contains("keys         copied to"), "\(backup.output)")
        #expect(try Self.card("0-2", in: copy)?.name.text?.isEmpty == false)
        #expect(try Self.card("0-1", in: copy)?.name == .erased, "the forgotten contact's key was not in the store to copy")
    }

    @Test("without keys personal data reads as erased, and restore says so")
    func withoutKeys() throws {
        let (store, _) = try Self.demoStore()
        let exported = store.sibling("export.jsonl")
        #expect(try CommandLineTool.run(["export", "--store", store.path, "--output", exported]).status == 0)
        let restored = store.sibling("restored")
        let restore = try CommandLineTool.run(["restore", exported, "--store", restored])
        #expect(restore.status == 0, "\(restore.errorOutput)")
        #expect(restore.output.contains("keys         none: personal data of 300 contacts reads as erased"), "\(restore.output)")
        let card = try #require(try Self.card("0-2", in: restored))
        #expect(card.name == .erased && card.phones.first?.number == .erased)
        #expect(card.phones.first?.region == "GB" && card.company.hasPrefix("Company"))
    }

    @Test("a damaged export, a wrong passphrase or a non-empty target is a clear error and leaves nothing behind")
    func badInput() throws {
        let (store, passphrase) = try Self.demoStore()
        let exported = store.sibling("export.jsonl"), bundle = store.sibling("keys.bundle")
        #expect(try CommandLineTool.run([
            "export", "--store", store.path, "--output", exported, "--keys", bundle, "--passphrase-file", passphrase,
        ]).status == 0)
        var lines = try String(contentsOfFile: exported, encoding: .utf8).split(separator: "\n").map(String.init)

        let cases: [(String, [String], String)] = [
            ("truncated", Array(lines[0..<40]) + [String(lines[40].prefix(30))], "line 41"),
            ("reordered", [lines[1], lines[0]] + lines[2...], "expected position 1 next"),
            ("payload changed", lines.enumerated().map { index, line in index == 60 ? Self.alterPayload(line) : line }, "chain"),
            ("huge version", [lines[0].replacingOccurrences(of: #""streamVersion":1,"#, with: #""streamVersion":18446744073709551615,"#)]
                + lines[1...], "does not restore"),
        ]
        for (name, content, message) in cases {
            let file = store.sibling("\(name.replacingOccurrences(of: " ", with: "-")).jsonl")
            try (content.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let target = store.sibling("target-\(name.replacingOccurrences(of: " ", with: "-"))")
            let restore = try CommandLineTool.run(["restore", file, "--store", target])
            #expect(restore.status != 0 && !restore.crashed, "\(name)")
            #expect(restore.errorOutput.contains(message), "\(name): \(restore.errorOutput)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(name): nothing left at the target")
            #expect(!FileManager.default.fileExists(atPath: target + ".restoring"), "\(name): no scratch left")
        }

        let wrong = store.sibling("wrong-passphrase")
        try "not the passphrase".write(toFile: wrong, atomically: true, encoding: .utf8)
        let target = store.sibling("target-keys")
        let refused = try CommandLineTool.run(["restore", exported, "--store", target, "--keys", bundle, "--passphrase-file", wrong])
        #expect(refused.status != 0 && refused.errorOutput.contains("passphrase is wrong"), "\(refused.errorOutput)")
        #expect(!FileManager.default.fileExists(atPath: target))

        let occupied = try CommandLineTool.run(["restore", exported, "--store", store.path])
        #expect(occupied.status != 0 && occupied.errorOutput.contains("is not empty"), "\(occupied.errorOutput)")
        lines.removeAll()
    }

    /// The line with the first base64 digit of its payload changed: still valid base64, other bytes.
    static func alterPayload(_ line: String) -> String {
        guard let key = line.range(of: #""payload":""#) else { return line }
        let digit = line[key.upperBound]
        return line.replacingCharacters(in: key.upperBound...key.upperBound, with: digit == "C" ? "D" : "C")
    }

    @Test("verify compares every live projection with a rebuild, and catches a snapshot that disagrees")
    func topLevelVerify() throws {
        let (store, _) = try Self.demoStore()
        let sound = try CommandLineTool.run(["verify", "--store", store.path])
        #expect(sound.status == 0, "\(sound.output) \(sound.errorOutput)")
        #expect(sound.output.contains("event-counts ok (snapshot at "), "\(sound.output)")
        #expect(sound.output.contains("campaign-progress ok (snapshot at "), "\(sound.output)")
        #expect(sound.output.contains("contact-directory ok (snapshot at "), "\(sound.output)")

        // A snapshot whose state is wrong, yet self-consistent (its digest matches its bytes).
        let snapshots = try SnapshotStore.open(at: SnapshotStore.folder(forStore: store.path))
        let good = try #require(try snapshots.load("event-counts"))
        let projector = EventCountsProjector()
        var state = try projector.state(fromCanonical: good.state)
        state.byType["ContactCreated", default: 0] += 1
        let bytes = projector.canonicalBytes(of: state)
        try snapshots.save(Snapshot(
            projection: good.projection, projectorVersion: good.projectorVersion, upcasterFingerprint: good.upcasterFingerprint,
            position: good.position, chainHash: good.chainHash, digest: ReadModelDigest(of: bytes), state: bytes))
        snapshots.close()
        let caught = try CommandLineTool.run(["verify", "--store", store.path])
        #expect(caught.status == 1 && caught.output.contains("event-counts MISMATCH"), "\(caught.output)")
    }
}
