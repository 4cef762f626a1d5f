public import CallStackEvents
public import EventLog
public import Foundation
import Synchronization

/// Keeps one read model live: loads its snapshot, catches up from there, follows the log, and
/// snapshots as it goes. Queries read the live state while it moves.
///
/// ```swift
/// let runner = ProjectionRunner(EventCountsProjector(), log: log, snapshots: snapshots)
/// try runner.start()                       // snapshot + catch-up to the head
/// Task { try await runner.follow() }       // live: every new event, in order
/// let total = runner.query { $0.total }
/// ```
///
/// A snapshot is used only when its projector version, its upcaster fingerprint and the chain
/// hash at its position all match this projector, this registry and this log, and its state
/// bytes hash to its digest; otherwise it is discarded and the projection rebuilt from zero.
/// A snapshot holds the state and its position in one record, written in one transaction, so
/// after a crash the two never disagree.
public final class ProjectionRunner<P: Projector>: Sendable {
    public let projector: P
    let log: EventLog
    let registry: EventRegistry
    let snapshots: SnapshotStore?
    /// A snapshot is written once the live state is this many events past the last one.
    public let snapshotEvery: UInt64
    private let live: Mutex<Projection<P>>
    /// Held while the live state is advanced, so catch-up and following never interleave.
    private let advancing = Mutex(())
    private let lastSnapshot = Mutex<UInt64>(0)
    private let waiters = PositionWaiters()

    public init(
        _ projector: P, log: EventLog, registry: EventRegistry = .callstack, snapshots: SnapshotStore? = nil,
        snapshotEvery: UInt64 = 100_000
    ) {
        self.projector = projector
        self.log = log
        self.registry = registry
        self.snapshots = snapshots
        self.snapshotEvery = max(snapshotEvery, 1)
        live = Mutex(Projection(projector))
    }

    /// What ``start()`` did.
    public struct StartReport: Sendable, Equatable {
        /// The position of the snapshot that was loaded; nil when none was.
        public let snapshotPosition: UInt64?
        /// Why a stored snapshot was not used; nil when it was, or when there was none.
        public let discarded: String?
        /// Events folded after the snapshot, up to the head.
        public let eventsApplied: Int
        /// The position the live state reached.
        public let position: UInt64
    }

    /// Loads the snapshot when it can be trusted, catches up to the head, and snapshots the
    /// result when that took ``snapshotEvery`` events or more (or there was no snapshot).
    @discardableResult
    public func start() throws -> StartReport {
        try advancing.withLock { _ in
            let loaded = try load()
            let projection = loaded.projection
            live.withLock { $0 = projection }
            waiters.advance(to: projection.position)
            lastSnapshot.withLock { $0 = loaded.snapshotPosition ?? 0 }
            if loaded.snapshotPosition == nil || UInt64(projection.eventsApplied) >= snapshotEvery {
                try saveSnapshot(of: projection)
            }
            return StartReport(
                snapshotPosition: loaded.snapshotPosition, discarded: loaded.discarded,
                eventsApplied: projection.eventsApplied, position: projection.position)
        }
    }

    /// What a load found: the projection, the snapshot it started from, why a snapshot was not used.
    public struct Loaded: Sendable {
        public let projection: Projection<P>
        public let snapshotPosition: UInt64?
        public let discarded: String?
    }

    /// The projection as an open would make it (the snapshot when it can be trusted, caught up to
    /// `until` or the head) without touching the live state or saving anything: what
    /// `callstack verify` compares with a rebuild.
    public func load(until: UInt64? = nil) throws -> Loaded {
        var projection = Projection(projector)
        var loaded: UInt64?
        var discarded: String?
        if let snapshots, let snapshot = try snapshots.load(projector.name) {
            if let until, snapshot.position > until {
                discarded = "the snapshot at \(snapshot.position) is past \(until)"
            } else {
                switch restore(snapshot) {
                case .success(let restored):
                    projection = restored
                    loaded = snapshot.position
                case .failure(let reason):
                    discarded = reason.description
                }
            }
        }
        try projection.catchUp(from: log, registry: registry, until: until)
        return Loaded(projection: projection, snapshotPosition: loaded, discarded: discarded)
    }

    /// Folds the events appended since the live position; returns how many.
    @discardableResult
    public func catchUp() throws -> Int {
        try advancing.withLock { _ in
            var projection = live.withLock { $0 }
            let before = projection.eventsApplied
            try projection.catchUp(from: log, registry: registry)
            live.withLock { $0 = projection }
            waiters.advance(to: projection.position)
            try snapshotIfDue(projection)
            return projection.eventsApplied - before
        }
    }

    /// Follows the log from the live position: every new event, in order, as it is appended.
    /// Returns when the task is cancelled or the log closes.
    ///
    /// - Throws: the registry's error for an event it cannot read; the live state stays at the
    ///   event before it.
    public func follow() async throws {
        let from = live.withLock { $0.position } + 1
        for try await record in log.subscribe(from: from) {
            let event = try DecodedEvent(record, registry: registry)
            let projection = try advancing.withLock { _ in
                try live.withLock { projection -> Projection<P>? in
                    // A catch-up that ran meanwhile may already have folded this event in.
                    if event.position <= projection.position { return nil }
                    guard event.position == projection.position + 1 else {
                        throw EventLogError(.positionGap, "the subscription skipped ahead of the live state", position: event.position)
                    }
                    projection.apply(event)
                    return projection
                }
            }
            guard let projection else { continue }
            waiters.advance(to: projection.position)
            try snapshotIfDue(projection)
        }
    }

    /// Returns once the live state has reached `position`: read-your-writes after an append.
    public func wait(until position: UInt64) async {
        await waiters.wait(until: position)
    }

    /// Reads the live state.
    public func query<R>(_ body: (P.State) throws -> R) rethrows -> R {
        try live.withLock { try body($0.state) }
    }

    /// The live position and digest, read together.
    public var current: (position: UInt64, digest: ReadModelDigest) {
        let projection = live.withLock { $0 }
        return (projection.position, projection.digest)
    }

    /// Writes a snapshot of the live state now.
    public func saveSnapshot() throws {
        try saveSnapshot(of: live.withLock { $0 })
    }

    /// A rebuild from zero into a separate instance, up to `until` (or the head), while the live
    /// state keeps serving: what an auditor asks for as of a position.
    public func rebuild(until position: UInt64? = nil) throws -> Projection<P> {
        var projection = Projection(projector)
        try projection.catchUp(from: log, registry: registry, until: position)
        return projection
    }

    /// A rebuild from zero as of a time: up to the last event recorded at or before it.
    public func rebuild(asOf time: Date) throws -> Projection<P> {
        var projection = Projection(projector)
        try projection.catchUp(from: log, registry: registry, asOf: time)
        return projection
    }

    private func snapshotIfDue(_ projection: Projection<P>) throws {
        let last = lastSnapshot.withLock { $0 }
        guard projection.position >= last, projection.position - last >= snapshotEvery else { return }
        try saveSnapshot(of: projection)
    }

    private func saveSnapshot(of projection: Projection<P>) throws {
        guard let snapshots else { return }
        let state = projector.canonicalBytes(of: projection.state)
        try snapshots.save(Snapshot(
            projection: projector.name, projectorVersion: projector.version,
            upcasterFingerprint: registry.upcasterFingerprint, position: projection.position,
            chainHash: try chainHash(at: projection.position), digest: ReadModelDigest(of: state), state: state))
        lastSnapshot.withLock { $0 = max($0, projection.position) }
    }

    /// The projection a snapshot holds, or why it cannot be trusted.
    private func restore(_ snapshot: Snapshot) -> Result<Projection<P>, ProjectionError> {
        let checks: [(Bool, String)] = [
            (snapshot.projectorVersion == projector.version,
                "projector version \(snapshot.projectorVersion), now \(projector.version)"),
            (snapshot.upcasterFingerprint == registry.upcasterFingerprint, "the upcasters changed"),
            (ReadModelDigest(of: snapshot.state) == snapshot.digest, "its state does not match its digest"),
            ((try? chainHash(at: snapshot.position)) == snapshot.chainHash,
                "the log has no matching event at position \(snapshot.position)"),
        ]
        if let failed = checks.first(where: { !$0.0 }) { return .failure(.corruptSnapshot(failed.1)) }
        return Result { () throws(ProjectionError) in
            Projection(projector, state: try projector.state(fromCanonical: snapshot.state), position: snapshot.position)
        }
    }

    private func chainHash(at position: UInt64) throws -> [UInt8] {
        guard position > 0 else { return ChainHash.genesis.bytes }
        guard let record = try log.read(from: position, limit: 1).first, record.position == position else {
            throw EventLogError(.positionGap, "no event at the snapshot's position", position: position)
        }
        return record.chainHash.bytes
    }
}
