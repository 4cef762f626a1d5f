import CallStackEvents
import Foundation
import SwiftProtobuf
import Testing

/// Every event type and version has a golden encoding in Fixtures/events/ that must decode forever.
///
/// A missing fixture fails the test. With `CALLSTACK_WRITE_FIXTURES=1` (`make fixtures`) it is
/// written from ``GoldenSamples`` first, and the test still fails once, so that the new file is
/// looked at and committed. An existing fixture is never rewritten.
@Suite("Golden fixtures")
struct GoldenFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/events")

    static func file(_ schema: EventSchema, _ suffix: String) -> URL {
        directory.appendingPathComponent("\(schema.type).v\(schema.version).\(suffix)")
    }

    @Test("the catalog builds into a registry")
    func catalogIsValid() throws {
        let registry = try EventRegistry(EventRegistry.catalog)
        #expect(registry.entries.count == EventRegistry.catalog.count)
        #expect(EventRegistry.callstack.entries.count == EventRegistry.catalog.count)
    }

    @Test("every registered type and version has a fixture that decodes and reads as the current version")
    func everySchemaHasAFixture() throws {
        let registry = EventRegistry.callstack
        for schema in registry.entries {
            let binary = Self.file(schema, "binpb")
            if !FileManager.default.fileExists(atPath: binary.path) {
                try writeIfAsked(schema)
                Issue.record("no fixture \(binary.lastPathComponent): run `make fixtures` and commit it")
                continue
            }
            let bytes = [UInt8](try Data(contentsOf: binary))
            let decoded = try schema.decode(bytes)
            #expect(try decoded.serializedBytes() as [UInt8] == bytes, "\(binary.lastPathComponent) does not re-encode the same")
            let current = try registry.decodeCurrent(schema.type, version: schema.version, payload: bytes)
            let currentVersion = try #require(registry.currentVersion(of: schema.type))
            #expect(type(of: current) == (try registry.schema(schema.type, version: currentVersion)).messageType)
            #expect(schema.messageType.protoMessageName.hasPrefix("callstack.v1."), "\(schema.type) has no schema in Schemas/")
        }
    }

    @Test("every fixture belongs to a registered type and version")
    func everyFixtureIsRegistered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".binpb") }
        let registered = Set(EventRegistry.callstack.entries.map { "\($0.type).v\($0.version).binpb" })
        #expect(!names.isEmpty)
        for name in names { #expect(registered.contains(name), "\(name) names no registered schema") }
    }

    @Test("OutcomeDefined v1, read as v2, keeps every requirement")
    func upcastV1ToV2() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent("OutcomeDefined.v1.binpb")))
        let message = try EventRegistry.callstack.decodeCurrent("OutcomeDefined", version: 1, payload: bytes)
        let outcome = try #require(message as? Callstack_V1_OutcomeDefined)
        #expect(outcome.requirements == [.notes, .meeting])
        #expect(outcome.otherRequirements == ["budget approved"])
        #expect(outcome.outcomeID == "meeting-booked" && outcome.occurred.actorMemberID == "member-1")
    }

    @Test("unknown types and versions and bad bytes are typed errors")
    func errors() throws {
        let registry = EventRegistry.callstack
        let unknownType = #expect(throws: EventContractError.self) { try registry.decodeCurrent("Nope", version: 1, payload: []) }
        #expect(unknownType?.code == .unknownType)
        let unknownVersion = #expect(throws: EventContractError.self) {
            try registry.decodeCurrent("ContactCreated", version: 9, payload: [])
        }
        #expect(unknownVersion?.code == .unknownVersion)
        let malformed = #expect(throws: EventContractError.self) {
            try registry.decodeCurrent("ContactCreated", version: 1, payload: [0x12, 0xFF])
        }
        #expect(malformed?.code == .malformedPayload)
    }

    @Test("a registry with a version gap or a current version that is not last is refused")
    func invalidRegistries() {
        let gap = #expect(throws: EventContractError.self) {
            try EventRegistry([EventSchema("X", version: 2, Callstack_V1_ClientAdded.self)])
        }
        #expect(gap?.code == .invalidRegistry)
        let twice = #expect(throws: EventContractError.self) {
            try EventRegistry([EventSchema("X", Callstack_V1_ClientAdded.self), EventSchema("X", Callstack_V1_ClientAdded.self)])
        }
        #expect(twice?.code == .invalidRegistry)
        let twoCurrent = #expect(throws: EventContractError.self) {
            try EventRegistry([
                EventSchema("X", version: 1, Callstack_V1_ClientAdded.self),
                EventSchema("X", version: 2, Callstack_V1_ClientAdded.self),
            ])
        }
        #expect(twoCurrent?.code == .invalidRegistry)
    }

    private func writeIfAsked(_ schema: EventSchema) throws {
        guard ProcessInfo.processInfo.environment["CALLSTACK_WRITE_FIXTURES"] == "1",
            let sample = GoldenSamples.sample(schema.type, version: schema.version)
        else { return }
        try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
        try Data(try sample.serializedBytes() as [UInt8]).write(to: Self.file(schema, "binpb"))
        let json: [UInt8] = try sample.jsonUTF8Bytes(options: JSONEncodingOptions())
        try Data(json).write(to: Self.file(schema, "json"))
    }
}
