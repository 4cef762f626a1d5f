/// Why an event's payload could not be read through the ``EventRegistry``.
public struct EventContractError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// No schema is registered under the event's type name.
        public static let unknownType = Code(rawValue: "unknown-type")
        /// The type is known, but not at the event's schema version.
        public static let unknownVersion = Code(rawValue: "unknown-version")
        /// The payload bytes do not decode as the registered message.
        public static let malformedPayload = Code(rawValue: "malformed-payload")
        /// An upcaster could not bring the event to the next version.
        public static let upcastFailed = Code(rawValue: "upcast-failed")
        /// The registry itself is inconsistent (found when it is built).
        public static let invalidRegistry = Code(rawValue: "invalid-registry")
    }

    public var code: Code
    public var message: String
    public var type: String?
    public var version: UInt32?

    public init(_ code: Code, _ message: String, type: String? = nil, version: UInt32? = nil) {
        self.code = code
        self.message = message
        self.type = type
        self.version = version
    }

    public var description: String {
        "\(code): \(message)" + (type.map { " (\($0)" + (version.map { " v\($0)" } ?? "") + ")" } ?? "")
    }
}
