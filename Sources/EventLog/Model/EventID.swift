public import Foundation
import Synchronization

/// The unique, forever id of an event: 16 bytes, normally a time-ordered UUIDv7.
///
/// Time-ordered ids keep the event-id index nearly append-only. Appending an event whose id is
/// already in the log is idempotent when the content is the same and an error otherwise.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 16 bytes, most significant first, as two big-endian halves.
    public let high: UInt64
    /// The last 8 bytes.
    public let low: UInt64

    /// The id with these two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The id with the bytes of `uuid`.
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

    /// A new UUIDv7: 48 bits of Unix milliseconds from `time`, then 74 bits that are random for
    /// the first id of each millisecond and counted up after it.
    ///
    /// Ids made in one process are strictly increasing (RFC 9562, monotonic counter), which keeps
    /// the log's event-id index append-only and avoids a random-number system call per id.
    public static func make(at time: Date = Date()) -> EventID {
        let millis = milliseconds(time)
        return lastIssued.withLock { last in
            let next: EventID
            if millis <= last.high >> 16, last != .zero {
                next = last.successor
            } else {
                var generator = SystemRandomNumberGenerator()
                next = make(millis: millis, using: &generator)
            }
            last = next
            return next
        }
    }

    private static let lastIssued = Mutex(EventID.zero)

    private static func milliseconds(_ time: Date) -> UInt64 {
        let seconds = max(0, time.timeIntervalSince1970)
        return UInt64(min(seconds * 1000, Double(UInt64(1) << 47))) & 0xFFFF_FFFF_FFFF
    }

    private static func make(millis: UInt64, using generator: inout some RandomNumberGenerator) -> EventID {
        let randomA = generator.next() & 0x0FFF
        let randomB = generator.next() & 0x3FFF_FFFF_FFFF_FFFF
        return EventID(high: millis << 16 | 0x7000 | randomA, low: 0x8000_0000_0000_0000 | randomB)
    }

    /// The next id in UUIDv7 order: the 74 counter bits plus one, carrying into the milliseconds.
    var successor: EventID {
        let randomB = low & 0x3FFF_FFFF_FFFF_FFFF
        if randomB < 0x3FFF_FFFF_FFFF_FFFF { return EventID(high: high, low: low + 1) }
        let randomA = high & 0x0FFF
        let low = 0x8000_0000_0000_0000 as UInt64
        if randomA < 0x0FFF { return EventID(high: high + 1, low: low) }
        return EventID(high: ((high >> 16) + 1) << 16 | 0x7000, low: low)
    }

    /// A new UUIDv7 with the randomness taken from `generator`, for reproducible fixtures.
    public static func make(at time: Date, using generator: inout some RandomNumberGenerator) -> EventID {
        make(millis: milliseconds(time), using: &generator)
    }

    /// The id as a Foundation `UUID`.
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
