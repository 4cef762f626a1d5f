public import CallStackEvents
import Crypto
public import EventLog
import SwiftProtobuf

/// Event ids derived from a command's id alone, so that handling the same command again (a re-run
/// `exec` file, a retried request, even with another time) proposes the same ids, and the engine
/// recognises it.
///
/// The id is SHA-256 of the command id and the event's index, shaped as a UUID of version 8 (the
/// version for ids an application derives itself). Unlike the log's own UUIDv7 ids they do not sort
/// by time; the event-id index then inserts them with a B-tree search instead of an append.
public enum CommandEventID {
    public static func make(command: String, index: Int) -> EventID {
        id(of: Array("callstack-command\u{0}\(command)\u{0}\(index)".utf8))
    }

    /// What the command asks, by whom: SHA-256 of the actor and the command's bytes (its id and
    /// time left out), shaped like ``make(command:index:)``. Recorded as the causation id of the
    /// command's events, it tells a retry of the same command from another command with a reused id.
    public static func fingerprint(_ envelope: Callstack_V1_CommandEnvelope) -> EventID {
        var content = envelope
        content.commandID = ""
        content.atMicros = 0
        let bytes: [UInt8] = (try? content.serializedBytes()) ?? Array(envelope.actorMemberID.utf8)
        return id(of: Array("callstack-command-fingerprint\u{0}".utf8) + bytes)
    }

    private static func id(of input: [UInt8]) -> EventID {
        let digest = Array(SHA256.hash(data: input))
        let high = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = digest[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return EventID(
            high: (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_8000,
            low: (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000)
    }
}
