public import CallStackEvents
import Crypto
public import EventLog
import Synchronization

/// A read model too big for memory: sorted keys in LMDB (the ``SnapshotStore``), such as the audit
/// trail's index from a subject to its log positions.
///
/// `keys(for:)` must be pure, like any projector: the same event always gives the same keys.
public protocol IndexProjector: Sendable {
    /// The index's name, such as `"audit-trail"`.
    var name: String { get }
    /// Bumped when `keys(for:)` changes meaning; an index of another version is rebuilt.
    var version: Int { get }
    /// The index keys this event adds (at most ``KeyValueWriter/maxKeySize`` − name − 1 bytes).
    func keys(for event: DecodedEvent) -> [[UInt8]]
}

/// Keeps an ``IndexProjector``'s index current: folds the log in batches, and writes each batch's
/// keys together with the checkpoint (position, chain hash, versions) in one transaction, so the
/// index and its checkpoint never disagree, even after a crash.
public final class IndexRunner<I: IndexProjector>: Sendable {
    public let projector: I
    let log: EventLog
    let registry: EventRegistry
    let store: SnapshotStore
    /// Events per transaction.
    public let batchSize: Int
    private let checkpoint = Mutex<UInt64?>(nil)
    private let waiters = PositionWaiters()
    /// Held while the index advances or its checkpoint is loaded, so that two callers never
    /// interleave a reset with a batch.
    private let advancing = Mutex(())

    public init(_ projector: I, log: EventLog, store: SnapshotStore, registry: EventRegistry = .callstack, batchSize: Int = 8_192) {
        self.projector = projector
        self.log = log
        self.registry = registry
        self.store = store
        self.batchSize = max(batchSize, 1)
        prefix = Array(projector.name.utf8) + [0]
        checkpointKey = Array(("index:" + projector.name).utf8)
    }

    /// The position the index has folded up to.
    public var position: UInt64 {
        get throws { try advancing.withLock { _ in try loadCheckpoint() } }
    }

    /// Folds the events after the checkpoint, up to `until` or the head; returns how many. An
    /// index whose checkpoint does not match this projector, these upcasters or this log is
    /// emptied and rebuilt from zero first.
    /// `committed`, when given, gets the checkpoint after each batch's transaction.
    @discardableResult
    public func catchUp(until: UInt64? = nil, committed: ((UInt64) -> Void)? = nil) throws -> Int {
        try advancing.withLock { _ in try advance(until: until, committed: committed) }
    }

    private func advance(until: UInt64?, committed: ((UInt64) -> Void)?) throws -> Int {
        var position = try loadCheckpoint()
        let stop = try until ?? log.headPosition()
        var applied = 0
        while position < stop {
            let records = try log.read(from: position + 1, limit: Int(min(UInt64(batchSize), stop - position)))
            guard let last = records.last else { break }
            let entries = try records.flatMap { record in
                projector.keys(for: try DecodedEvent(record, registry: registry)).map { prefix + $0 }
            }
            let mark = encodeCheckpoint(position: last.position, chainHash: last.chainHash.bytes)
            try SnapshotStore.storeOperation {
                try store.store.write { writer in
                    for entry in entries { try writer.put([], for: entry, in: SnapshotStore.Table.indexes) }
                    try writer.put(mark, for: checkpointKey, in: SnapshotStore.Table.snapshots)
                }
            }
            position = last.position
            applied += records.count
            checkpoint.withLock { $0 = position }
            waiters.advance(to: position)
            committed?(position)
        }
        return applied
    }

    /// Returns once the index has folded `position` in.
    public func wait(until position: UInt64) async {
        if let reached = try? self.position { waiters.advance(to: reached) }
        await waiters.wait(until: position)
    }

    /// Follows the log from the checkpoint, a batch at a time, until the task is cancelled or the
    /// log closes.
    public func follow() async throws {
        for try await record in log.subscribe(from: try position + 1) where record.position > (try position) {
            // Up to the head, not just this event: a burst of appends is one batch, one transaction.
            try catchUp()
        }
    }

    /// The keys under `prefix` (the index's own name is not part of them), in order.
    public func keys(prefix: [UInt8] = []) throws -> [[UInt8]] {
        let full = self.prefix + prefix
        return try SnapshotStore.storeOperation {
            try store.store.read { try $0.keys(in: SnapshotStore.Table.indexes, prefix: full) }.map { Array($0.dropFirst(self.prefix.count)) }
        }
    }

    /// The SHA-256 over every key in order, each length-prefixed: the index's canonical digest.
    public func digest() throws -> ReadModelDigest {
        var writer = CanonicalWriter()
        for key in try keys() { writer.write(key) }
        return ReadModelDigest(of: writer.bytes)
    }

    /// The index's name and a NUL: the start of each of its keys.
    private let prefix: [UInt8]
    private let checkpointKey: [UInt8]

    private func encodeCheckpoint(position: UInt64, chainHash: [UInt8]) -> [UInt8] {
        var writer = CanonicalWriter()
        writer.write(projector.version)
        writer.write(registry.upcasterFingerprint)
        writer.write(position)
        writer.write(chainHash)
        return writer.bytes
    }

    /// The trusted checkpoint, or 0 after emptying an index that cannot be trusted; the check and
    /// the reset happen in one write transaction. Called with ``advancing`` held.
    private func loadCheckpoint() throws -> UInt64 {
        if let known = checkpoint.withLock({ $0 }) { return known }
        let position = try SnapshotStore.storeOperation {
            try store.store.write { writer -> UInt64 in
                if let stored = try writer.reader.value(in: SnapshotStore.Table.snapshots, for: checkpointKey),
                    let position = try? trusted(stored)
                {
                    return position
                }
                try writer.deleteAll(in: SnapshotStore.Table.indexes, prefix: prefix)
                try writer.delete(checkpointKey, in: SnapshotStore.Table.snapshots)
                return 0
            }
        }
        checkpoint.withLock { $0 = position }
        return position
    }

    private func trusted(_ stored: [UInt8]) throws -> UInt64? {
        var reader = CanonicalReader(stored)
        guard try reader.readInt() == projector.version, try reader.readString() == registry.upcasterFingerprint else { return nil }
        let position = try reader.readUInt64()
        let chainHash = try reader.readBytes()
        guard reader.isAtEnd else { return nil }
        if position == 0 { return 0 }
        let logHash = try log.read(from: position, limit: 1).first?.chainHash.bytes
        return logHash == chainHash ? position : nil
    }
}
