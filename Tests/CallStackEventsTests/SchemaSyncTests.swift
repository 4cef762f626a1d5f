import CallStackEvents
import Foundation
import Testing

/// The generated code must come from the schemas as they are now: change a `.proto` file without
/// `make protos` and this fails.
@Suite("Schemas and generated code")
struct SchemaSyncTests {
    static let schemas = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas")

    /// Every `.proto` under Schemas/, by path relative to it.
    static func protoFiles() throws -> [String] {
        let root = schemas.standardizedFileURL.path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var found: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".proto") { found.append(path) }
        }
        return found.sorted()
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test("every schema has generated code, and every fingerprint matches its schema")
    func fingerprintsMatch() throws {
        let files = try Self.protoFiles()
        #expect(!files.isEmpty)
        #expect(files == SchemaFingerprints.sha256.keys.sorted(), "a schema was added or removed without `make protos`")
        for file in files {
            let actual = try Self.sha256(Self.schemas.appendingPathComponent(file).path)
            #expect(SchemaFingerprints.sha256[file] == actual, "\(file) changed without `make protos`")
        }
    }
}
