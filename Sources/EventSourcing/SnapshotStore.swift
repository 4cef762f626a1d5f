public import EventLog

/// Where projections keep their snapshots and checkpoints: a ``KeyValueStore`` in the store's
/// `projections` folder. Everything here is a cache of the log: deleting the folder costs a
/// rebuild, nothing more.
public final class SnapshotStore: Sendable {
    enum Table {
        /// projection name → ``Snapshot``.
        static let snapshots = "snapshots"
        /// projection name ‖ NUL ‖ key → value: read models kept in LMDB (see ``IndexRunner``).
        static let indexes = "indexes"
        static let all = [snapshots, indexes]
    }

    let store: KeyValueStore

    /// The snapshot folder of the store at `storePath`.
    public static func folder(forStore storePath: String) -> String { storePath + "/projections" }

    /// Opens (creating when missing) the snapshot store at `path`. Snapshots are committed with
    /// `.relaxed` durability unless told otherwise: one lost to a power cut costs a longer catch-up.
    public static func open(at path: String, durability: Durability = .relaxed) throws(ProjectionError) -> SnapshotStore {
        SnapshotStore(store: try storeOperation { try KeyValueStore.open(at: path, tables: Table.all, durability: durability) })
    }

    private init(store: KeyValueStore) {
        self.store = store
    }

    public func close() { store.close() }

    public func save(_ snapshot: Snapshot) throws(ProjectionError) {
        let encoded = snapshot.encoded
        try Self.storeOperation { try store.write { try $0.put(encoded, for: Array(snapshot.projection.utf8), in: Table.snapshots) } }
    }

    /// The stored snapshot of `projection`, or nil.
    ///
    /// - Throws: ``ProjectionError/corruptSnapshot(_:)`` when its bytes do not decode.
    public func load(_ projection: String) throws(ProjectionError) -> Snapshot? {
        let bytes = try Self.storeOperation { try store.read { try $0.value(in: Table.snapshots, for: Array(projection.utf8)) } }
        return try bytes.map { bytes throws(ProjectionError) in try Snapshot(encoded: bytes) }
    }

    public func delete(_ projection: String) throws(ProjectionError) {
        _ = try Self.storeOperation { try store.write { try $0.delete(Array(projection.utf8), in: Table.snapshots) } }
    }

    static func storeOperation<R>(_ body: () throws -> R) throws(ProjectionError) -> R {
        do {
            return try body()
        } catch let error as ProjectionError {
            throw error
        } catch {
            throw .snapshotStore("\(error)")
        }
    }
}
