import Foundation

/// The stores this process has open, by canonical folder path.
///
/// LMDB must not open one environment twice in a process: closing either handle drops the other's
/// advisory lock on `lock.mdb`, and another process may then reset the reader table under it. So
/// ``EventLog/open(at:configuration:)`` hands out the live instance for a folder instead of a
/// second one, and waits while an instance of that folder is closing.
enum OpenStores {
    private struct Entry {
        weak var log: EventLog?
        /// Set by `close()` until the environment is closed; an entry whose log is gone is in
        /// `deinit`. Either way a new open waits.
        var closing = false
    }

    private static let condition = NSCondition()
    nonisolated(unsafe) private static var entries: [String: Entry] = [:]

    /// The live instance for `key` if `reuse` accepts it, or the one `make` opens and registers.
    /// Opens are serialised, so two threads opening one folder get the same instance.
    static func instance(
        for key: String, reuse: (EventLog) throws -> EventLog, make: () throws -> EventLog
    ) throws -> EventLog {
        enum Found { case live(EventLog), made(EventLog) }
        let found: Found = try {
            condition.lock()
            defer { condition.unlock() }
            while let entry = entries[key], entry.closing || entry.log == nil { condition.wait() }
            if let live = entries[key]?.log { return .live(live) }
            let log = try make()
            entries[key] = Entry(log: log)
            return .made(log)
        }()
        switch found {
        case .made(let log): return log
        // Judged outside the lock: if `reuse` throws, releasing `live` may run its deinit, which
        // takes the lock.
        case .live(let live): return try reuse(live)
        }
    }

    /// Marks `log`'s entry as closing, so that opens wait for ``remove(_:ifItIs:)``.
    static func beginClosing(_ key: String, _ log: EventLog) {
        condition.lock()
        defer { condition.unlock() }
        if entries[key]?.log === log { entries[key]?.closing = true }
    }

    /// Forgets `key` if it names `log`, or no live instance any more, and wakes waiting opens.
    static func remove(_ key: String, ifItIs log: EventLog?) {
        condition.lock()
        defer { condition.unlock() }
        let live = entries[key]?.log
        if live == nil || live === log {
            entries[key] = nil
            condition.broadcast()
        }
    }

    /// The folder's canonical path: absolute, with symbolic links and `..` resolved.
    static func key(for path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
