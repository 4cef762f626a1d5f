import Foundation

/// Counts and sizes of a store, for `callstack log stats` and monitoring.
public struct LogStatistics: Hashable, Sendable {
    /// Events in the log (equal to the head position, since positions are dense from 1).
    public var events: UInt64
    public var streams: Int
    public var head: LogHead
    /// Write transactions committed over the store's whole life: LMDB's last transaction id, so it
    /// also counts the transaction that created the store and any other maintenance commit.
    public var commits: UInt64
    public var mapSize: Int
    /// Bytes of the map in use (pages up to the last one written).
    public var usedBytes: Int
    /// The data file's size on disk.
    public var fileSize: Int
    /// The durability of this instance's commits (meaningless for a read-only instance).
    public var durability: Durability
    /// The durability the store's last writable open used; nil for a store no writer opened.
    public var lastWriterDurability: Durability?
    /// Append calls served by this process's writer since the store was opened.
    public var sessionAppendCalls: Int
    /// Commits made by this process's writer since the store was opened: fewer than
    /// ``sessionAppendCalls`` means group commit merged appends.
    public var sessionCommits: Int
    /// The most appends one commit carried in this process.
    public var sessionLargestGroup: Int
    /// How often this process grew the map.
    public var sessionMapGrowths: Int
    /// Reader slots left by crashed processes that this open cleared (`mdb_reader_check`).
    public var staleReadersClearedAtOpen: Int
}

extension EventLog {
    /// Counts and sizes of the store, and what this process's writer has done since the open.
    public func statistics() throws -> LogStatistics {
        let (streams, lastWriter, head) = try read { txn in
            (
                try txn.entryCount(dbs.streams), try txn.meta(.durability, in: dbs).flatMap(Durability.init(storedCode:)),
                try txn.head(in: dbs)
            )
        }
        let usage = try withOpenEnvironment { $0.usage() }
        let counters = sessionCounters
        let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/data.mdb")
        return LogStatistics(
            events: head.position, streams: streams, head: head, commits: UInt64(usage.lastTransaction), mapSize: usage.mapSize,
            usedBytes: usage.usedBytes, fileSize: (attributes?[.size] as? NSNumber)?.intValue ?? 0,
            durability: durability, lastWriterDurability: lastWriter, sessionAppendCalls: counters.appendCalls, sessionCommits: counters.groupCommits,
            sessionLargestGroup: counters.largestGroup, sessionMapGrowths: counters.mapGrowths,
            staleReadersClearedAtOpen: staleReadersCleared)
    }

    /// Writes a consistent, compacted copy of the store into the folder `directory` while appends
    /// go on (`mdb_env_copy2` with `MDB_CP_COMPACT`). The folder is created if missing and must not
    /// hold a store already. The copy opens as a store of its own.
    ///
    /// The copy runs in one read transaction; the map is grown beforehand if it is more than half
    /// full, so that appends do not wait for the copy to end.
    public func backup(to directory: String) throws {
        let target = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        if FileManager.default.fileExists(atPath: target + "/data.mdb") {
            throw EventLogError(.io, "\(target) already holds a store")
        }
        do {
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        } catch {
            throw EventLogError(.io, "cannot create \(target): \(error.localizedDescription)")
        }
        try makeHeadroom(fraction: min(0.5, growthThreshold))
        try withOpenEnvironment { try $0.copy(to: target, compact: true) }
    }
}
