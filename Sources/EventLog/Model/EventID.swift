public import Foundation

/// The unique, forever id of an event: 16 bytes, normally a time-ordered UUIDv7.
///
/// Time-ordered ids keep the event-id index nearly append-only. Appending an event whose id is
/// already in the log is idempotent when the content is the same and an error otherwise.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 16 bytes, most significant first, as two big-endian halves.
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init(_ uuid: UUID) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        withUnsafeBytes(of: uuid.uuid) { bytes in
            for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
            for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
        }
        self.init(high: high, low: low)
    }

    /// Parses the canonical 36-character form; nil when the text is not a UUID.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.init(uuid)
    }

    /// A new UUIDv7: 48 bits of Unix milliseconds from `time`, then random bits.
    public static func make(at time: Date = Date()) -> EventID {
        var generator = SystemRandomNumberGenerator()
        return make(at: time, using: &generator)
    }

    /// A new UUIDv7 with the randomness taken from `generator`, for reproducible fixtures.
    public static func make(at time: Date, using generator: inout some RandomNumberGenerator) -> EventID {
        let seconds = max(0, time.timeIntervalSince1970)
        let millis = UInt64(min(seconds * 1000, Double(UInt64(1) << 47))) & 0xFFFF_FFFF_FFFF
        let randomA = generator.next() & 0x0FFF
        let randomB = generator.next() & 0x3FFF_FFFF_FFFF_FFFF
        return EventID(high: millis << 16 | 0x7000 | randomA, low: 0x8000_0000_0000_0000 | randomB)
    }

    public var uuid: UUID {
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
            bytes[index + 8] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
        }
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    public var description: String { uuid.uuidString.lowercased() }

    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }

    /// The all-zero id, which the record layout uses for "no id".
    static let zero = EventID(high: 0, low: 0)
}
