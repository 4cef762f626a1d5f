import EventLog
import Synchronization

/// Folds of whole streams (the workspace, a campaign, a suppression list), kept with the stream
/// version they were folded at: asked again while the stream has not moved, the fold is reused;
/// once it has, it is folded again. Every command reads the workspace and its campaign, so this
/// turns two stream decodes per command into two version look-ups.
final class FoldCache: Sendable {
    private let folds = Mutex<[String: (version: UInt64, value: any Sendable)]>([:])
    /// More folds than this, and the cache starts over: it holds the few hot streams.
    private static let limit = 4_096

    init() {}

    /// The fold of `stream` under `key`, from the cache while the stream is at the version it was
    /// folded at.
    func value<T: Sendable>(_ key: String, stream: String, in log: EventLog, fold: () throws -> T) throws -> T {
        let version = try log.streamVersion(stream)
        if let cached = folds.withLock({ $0[key] }), cached.version == version, let value = cached.value as? T { return value }
        let value = try fold()
        // Folded at `version` or later: a later version only makes the next look-up fold again.
        folds.withLock { folds in
            if folds.count >= Self.limit { folds.removeAll() }
            folds[key] = (version, value)
        }
        return value
    }
}
