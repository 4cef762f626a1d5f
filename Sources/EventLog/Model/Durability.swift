/// How hard a commit works to survive a crash. The mode can differ between opens of a store.
public enum Durability: String, Sendable, CaseIterable, CustomStringConvertible {
    /// fsync on every commit: an acknowledged append survives a process crash and a power loss.
    case durable
    /// `MDB_NOMETASYNC`: data pages are flushed, the meta page is not. A process crash loses nothing;
    /// a power loss or OS crash can lose the last commits, but the store stays consistent.
    case relaxed
    /// `MDB_NOSYNC`: nothing is flushed by the log. A process crash loses nothing (the OS holds the
    /// pages), but an OS crash or power loss can lose commits and may corrupt the store.
    /// For bulk loads and tests only.
    case unsafeNoSync

    public var description: String { rawValue }
}
