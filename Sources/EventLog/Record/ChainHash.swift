import CEventLogSupport

/// A link of the log's SHA-256 hash chain: `hash(n) = SHA-256(hash(n-1) ‖ record n)`, where the
/// record's bytes exclude its checksum and its own hash field. The head's hash commits to the
/// whole log: anchor it elsewhere (print it with `callstack log stats`) so that a rewritten chain
/// shows.
public struct ChainHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes of the SHA-256 digest.
    public let bytes: [UInt8]

    /// The value before the first record: 32 zero bytes.
    public static let genesis = ChainHash(unchecked: [UInt8](repeating: 0, count: 32))

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Parses 64 hexadecimal digits; nil for anything else.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for pair in stride(from: 0, to: 64, by: 2) {
            guard let high = Self.nibble(digits[pair]), let low = Self.nibble(digits[pair + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// The 64 lowercase hexadecimal digits.
    public var hex: String { Hex.lowercase(bytes) }

    public var description: String { hex }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Writes the link after `record` (whose own hash field is ignored) into `out`, 32 bytes.
    /// `out` may be the record's hash field.
    static func link(previous: UnsafeRawBufferPointer, record: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) {
        let head = record[RecordLayout.hashedHead]
        let tail = record[RecordLayout.hashedTail(record.count)]
        eventlog_chain_link(
            previous.baseAddress, record.baseAddress.map { $0 + head.startIndex }, head.count,
            record.baseAddress.map { $0 + tail.startIndex }, tail.count, out.baseAddress)
    }
}
