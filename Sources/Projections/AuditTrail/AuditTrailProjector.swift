public import EventSourcing

/// The audit trail: an index from each subject to the log positions that concern it, kept in
/// LMDB. A subject is a stream (`stream:contact-17`: everything that happened to contact 17,
/// including its erasure) or an actor (`actor:member-3`: everything member 3 did).
///
/// Each key is the subject, a NUL, then the position (8 bytes, big-endian), so a subject's
/// positions come back in log order from one prefix walk.
public struct AuditTrailProjector: IndexProjector {
    public let name = "audit-trail"
    public let version = 1

    public init() {}

    public func keys(for event: DecodedEvent) -> [[UInt8]] {
        var keys = [Self.key(.stream(event.stream), position: event.position)]
        if !event.actor.isEmpty { keys.append(Self.key(.actor(event.actor), position: event.position)) }
        return keys
    }

    /// Whose trail to look up.
    public enum Subject: Sendable, Equatable {
        case stream(String)
        case actor(String)

        /// The key prefix of this subject's entries.
        public var prefix: [UInt8] {
            switch self {
            case .stream(let stream): Array("stream:\(stream)".utf8) + [0]
            case .actor(let actor): Array("actor:\(actor)".utf8) + [0]
            }
        }
    }

    static func key(_ subject: Subject, position: UInt64) -> [UInt8] {
        subject.prefix + withUnsafeBytes(of: position.bigEndian) { Array($0) }
    }

    /// The positions in the keys of a subject's entries, in order. Keys longer than the subject's
    /// prefix and a position belong to another subject whose name starts with this one's and a
    /// NUL, and are left out.
    public static func positions(in keys: [[UInt8]], of subject: Subject) -> [UInt64] {
        let length = subject.prefix.count + 8
        return keys.compactMap { key in
            guard key.count == length, key.starts(with: subject.prefix) else { return nil }
            return key.suffix(8).reduce(0) { $0 << 8 | UInt64($1) }
        }
    }
}
