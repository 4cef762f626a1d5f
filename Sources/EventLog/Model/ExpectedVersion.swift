/// What an append expects of its stream: the optimistic-concurrency check.
///
/// A stream's version is the number of events in it: a stream that does not exist has version 0,
/// and its first event gets version 1. So `.exact(0)` and `.noStream` accept the same streams.
public enum ExpectedVersion: Hashable, Sendable, CustomStringConvertible {
    /// No check: append whatever the stream holds.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream must already hold at least one event.
    case streamExists
    /// The stream must hold exactly this many events.
    case exact(UInt64)

    func accepts(_ current: UInt64) -> Bool {
        switch self {
        case .any: true
        case .noStream: current == 0
        case .streamExists: current > 0
        case .exact(let version): current == version
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .streamExists: "stream exists"
        case .exact(let version): "version \(version)"
        }
    }
}
