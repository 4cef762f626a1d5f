import Foundation
import Synchronization

/// The stores this process has open, by canonical folder path.
///
/// LMDB must not open one environment twice in a process: closing either handle drops the other's
/// advisory lock on `lock.mdb`, and another process may then reset the reader table under it. So
/// ``EventLog/open(at:configuration:)`` hands out the live instance for a folder instead of a
/// second one.
enum OpenStores {
    private struct Entry: @unchecked Sendable {
        weak var log: EventLog?
    }

    private static let entries = Mutex<[String: Entry]>([:])

    /// The live instance for `key`, or the one `make` opens and registers. Opens are serialised,
    /// so two threads opening one folder get the same instance.
    static func instance(
        for key: String, reuse: (EventLog) throws -> EventLog, make: () throws -> EventLog
    ) throws -> EventLog {
        try entries.withLock { entries in
            if let live = entries[key]?.log { return try reuse(live) }
            let log = try make()
            entries[key] = Entry(log: log)
            return log
        }
    }

    /// Forgets `key` if it names `log`, or no live instance any more.
    static func remove(_ key: String, ifItIs log: EventLog?) {
        entries.withLock { entries in
            let live = entries[key]?.log
            if live == nil || live === log { entries[key] = nil }
        }
    }

    /// The folder's canonical path: absolute, with symbolic links and `..` resolved.
    static func key(for path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
