public import SwiftProtobuf

/// Maps each event type name and schema version to its decoder and upcasters.
///
/// Events are written at their type's current version; older versions stay readable forever
/// through a chain of upcasters (v1 → v2 → … → current). A rename keeps the old name registered
/// with an upcaster to the new type.
public struct EventRegistry: Sendable {
    private struct Key: Hashable {
        var type: String
        var version: UInt32
    }

    private let schemas: [Key: EventSchema]
    private let current: [String: UInt32]

    /// Checks that every type's versions run 1…n with only the last one current.
    public init(_ entries: [EventSchema]) throws {
        var schemas: [Key: EventSchema] = [:]
        for entry in entries {
            guard schemas.updateValue(entry, forKey: Key(type: entry.type, version: entry.version)) == nil else {
                throw EventContractError(.invalidRegistry, "registered twice", type: entry.type, version: entry.version)
            }
        }
        var current: [String: UInt32] = [:]
        for type in Set(entries.map(\.type)) {
            let versions = entries.filter { $0.type == type }.sorted { $0.version < $1.version }
            guard versions.map(\.version) == Array(1...UInt32(versions.count)) else {
                throw EventContractError(.invalidRegistry, "versions must run from 1 without gaps", type: type)
            }
            guard versions.dropLast().allSatisfy({ !$0.isCurrent }), versions.last?.isCurrent == true else {
                throw EventContractError(.invalidRegistry, "only the last version may lack an upcaster", type: type)
            }
            current[type] = UInt32(versions.count)
        }
        self.schemas = schemas
        self.current = current
    }

    /// The registry that knows no event: the fallback should the catalog be invalid.
    init(empty: Void) {
        schemas = [:]
        current = [:]
    }

    /// Every registered schema, by type name and then version.
    public var entries: [EventSchema] {
        schemas.values.sorted { ($0.type, $0.version) < ($1.type, $1.version) }
    }

    /// Names every upcaster and its revision, such as `OutcomeDefined v1>v2 r1`, in a fixed order.
    /// A snapshot records it; when it changes, events would read differently, and the snapshot
    /// is discarded.
    public var upcasterFingerprint: String {
        entries.filter { !$0.isCurrent }
            .map { "\($0.type) v\($0.version)>v\($0.version + 1) r\($0.upcastRevision)" }
            .joined(separator: ", ")
    }

    /// The version new events of `type` are written in; nil for an unknown type.
    public func currentVersion(of type: String) -> UInt32? { current[type] }

    /// The schema of `type` at `version`.
    public func schema(_ type: String, version: UInt32) throws -> EventSchema {
        guard let schema = schemas[Key(type: type, version: version)] else {
            throw EventContractError(
                current[type] == nil ? .unknownType : .unknownVersion, "not registered", type: type, version: version)
        }
        return schema
    }

    /// Checks that (`type`, `version`) is registered without decoding anything, and returns an
    /// empty placeholder message: for folds that read envelopes only.
    public func envelopeOnly(_ type: String, version: UInt32) throws -> any SwiftProtobuf.Message {
        _ = try schema(type, version: version)
        return Google_Protobuf_Empty()
    }

    /// Decodes a payload written at (`type`, `version`) and upcasts it to the current version.
    public func decodeCurrent(_ type: String, version: UInt32, payload: [UInt8]) throws -> any SwiftProtobuf.Message {
        var schema = try schema(type, version: version)
        var message = try schema.decode(payload)
        while let upcast = schema.upcastToNext {
            message = try upcast(message)
            schema = try self.schema(type, version: schema.version + 1)
            guard Swift.type(of: message) == schema.messageType else {
                throw EventContractError(
                    .upcastFailed, "the upcaster did not produce version \(schema.version)", type: type, version: schema.version)
            }
        }
        return message
    }
}
