import Crypto
public import EventLog

/// Event ids derived from a command's id, so that handling the same command twice (a re-run
/// `exec` file, a retried request) proposes the same ids, and the second time is recognised.
///
/// The first 48 bits are the command's time in milliseconds, as in a UUIDv7, so derived ids still
/// sort roughly by time; the rest is SHA-256 of the command id and the event's index, with the
/// UUID version and variant bits set.
public enum CommandEventID {
    public static func make(command: String, index: Int, atMicros: Int64) -> EventID {
        let digest = Array(SHA256.hash(data: Array("callstack-command\u{0}\(command)\u{0}\(index)".utf8)))
        let millis = UInt64(clamping: max(atMicros / 1_000, 0)) & 0xFFFF_FFFF_FFFF
        let random = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let tail = digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let high = millis << 16 | 0x7000 | (random & 0x0FFF)
        let low = (tail & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return EventID(high: high, low: low)
    }
}
