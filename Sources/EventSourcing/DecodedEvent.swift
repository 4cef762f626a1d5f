public import SwiftProtobuf

/// An event from the log with its payload decoded, and upcast to its type's current version.
public struct DecodedEvent: Sendable {
    public let position: UInt64
    public let stream: String
    public let streamVersion: UInt64
    /// The event's type name, as the envelope records it.
    public let type: String
    public let recordedAtMicros: Int64
    public let actor: String
    /// The payload as the current version's generated message.
    public let message: any SwiftProtobuf.Message

    public init(
        position: UInt64, stream: String, streamVersion: UInt64, type: String, recordedAtMicros: Int64, actor: String,
        message: any SwiftProtobuf.Message
    ) {
        self.position = position
        self.stream = stream
        self.streamVersion = streamVersion
        self.type = type
        self.recordedAtMicros = recordedAtMicros
        self.actor = actor
        self.message = message
    }
}
