import Crypto
import EventLog

/// The SHA-256 of a read model's canonical form: equal digests mean equal read models.
public struct ReadModelDigest: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(of canonical: [UInt8]) {
        bytes = Array(SHA256.hash(data: canonical))
    }

    /// A digest stored earlier (a snapshot's).
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// 64 lowercase hexadecimal digits.
    public var description: String { Hex.lowercase(bytes) }
}
