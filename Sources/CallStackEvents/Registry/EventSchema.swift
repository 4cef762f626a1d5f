public import SwiftProtobuf

/// One event type at one schema version: the message that encodes it and, for every version but
/// the current one, the upcaster that turns it into the next version.
public struct EventSchema: @unchecked Sendable {
    /// The type name stored in the log's envelope, such as `"ContactCreated"`.
    public let type: String
    /// The schema version stored in the envelope, from 1.
    public let version: UInt32
    /// The generated message of this version.
    public let messageType: any SwiftProtobuf.Message.Type
    let upcastToNext: (@Sendable (any SwiftProtobuf.Message) throws -> any SwiftProtobuf.Message)?
    /// Bumped when an upcaster's code changes meaning, so that snapshots folded through the old
    /// one are discarded (see ``EventRegistry/upcasterFingerprint``).
    public let upcastRevision: Int

    /// The current version of a type: no upcaster.
    public init(_ type: String, version: UInt32 = 1, _ messageType: any SwiftProtobuf.Message.Type) {
        self.type = type
        self.version = version
        self.messageType = messageType
        upcastToNext = nil
        upcastRevision = 0
    }

    /// An older version, read through `upcast` as the next version.
    public init<Old: SwiftProtobuf.Message, New: SwiftProtobuf.Message>(
        _ type: String, version: UInt32, _ messageType: Old.Type, revision: Int = 1,
        upcast: @escaping @Sendable (Old) throws -> New
    ) {
        self.type = type
        self.version = version
        self.messageType = messageType
        upcastRevision = revision
        upcastToNext = { message in
            guard let old = message as? Old else {
                throw EventContractError(.upcastFailed, "expected \(Old.protoMessageName)", type: type, version: version)
            }
            return try upcast(old)
        }
    }

    /// True for the version new events are written in.
    public var isCurrent: Bool { upcastToNext == nil }

    /// Decodes `payload` as this version's message.
    public func decode(_ payload: [UInt8]) throws -> any SwiftProtobuf.Message {
        do {
            return try messageType.init(serializedBytes: payload, extensions: nil, partial: false, options: BinaryDecodingOptions())
        } catch {
            throw EventContractError(.malformedPayload, "\(error)", type: type, version: version)
        }
    }
}
