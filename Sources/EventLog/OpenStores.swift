import Foundation

/// The stores this process has open, keyed by the folder's device and inode.
///
/// LMDB must not open one environment twice in a process: closing either handle drops the other's
/// advisory lock on `lock.mdb`, and another process may then reset the reader table under it. So
/// ``EventLog/open(at:configuration:)`` hands out the live instance for a folder instead of a
/// second one, and waits while an instance of that folder is closing.
///
/// Strong references loaded from the weak entries are only ever released after the lock is given
/// up: releasing the last one runs `deinit`, which takes the lock again.
enum OpenStores {
    private struct Entry {
        weak var log: EventLog?
        /// The instance this entry was made for; `deinit` and `close()` remove only their own.
        var owner: ObjectIdentifier
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
        var loaded: [EventLog] = []  // released after the lock, never inside it
        let found: EventLog? = try {
            condition.lock()
            defer { condition.unlock() }
            while let entry = entries[key] {
                if let log = entry.log {
                    loaded.append(log)
                    if !entry.closing { return log }
                    // The closer waits for this thread's read to end: waiting here would deadlock.
                    if log.gate.isHeldByCurrentThread {
                        throw EventLogError(.closed, "the store is closing, and this thread is reading it")
                    }
                }
                condition.wait()
            }
            let log = try make()
            entries[key] = Entry(log: log, owner: ObjectIdentifier(log))
            loaded.append(log)
            return nil
        }()
        guard let found else { return loaded[loaded.count - 1] }
        return try reuse(found)
    }

    /// True while the store with `key` is closing; for tests.
    static func isClosing(_ key: String) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        return entries[key]?.closing ?? false
    }

    /// Marks `log`'s entry as closing, so that opens wait for ``remove(_:owner:)``.
    static func beginClosing(_ key: String, owner: ObjectIdentifier) {
        condition.lock()
        defer { condition.unlock() }
        if entries[key]?.owner == owner { entries[key]?.closing = true }
    }

    /// Forgets `key` if its entry belongs to `owner`, and wakes waiting opens.
    static func remove(_ key: String, owner: ObjectIdentifier) {
        condition.lock()
        defer { condition.unlock() }
        if entries[key]?.owner == owner {
            entries[key] = nil
            condition.broadcast()
        }
    }

    /// The folder's identity: device and inode, so that links, `..` and case-insensitive names all
    /// find the same entry; the standardized path when the folder cannot be examined.
    static func key(for path: String) -> String {
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        if let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
            let device = attributes[.systemNumber], let inode = attributes[.systemFileNumber]
        {
            return "\(device):\(inode)"
        }
        return resolved
    }
}
