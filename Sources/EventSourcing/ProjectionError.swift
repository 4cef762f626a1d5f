/// What can go wrong when a projection runs, beyond the log's and the registry's own errors.
public enum ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A snapshot's bytes do not decode (it is then discarded and the projection rebuilt).
    case corruptSnapshot(String)
    /// The snapshot store failed.
    case snapshotStore(String)

    public var description: String {
        switch self {
        case .corruptSnapshot(let why): "corrupt snapshot: \(why)"
        case .snapshotStore(let why): "snapshot store: \(why)"
        }
    }
}
