/// What ``SubjectKeyStore/forget(_:)`` removed.
public struct ForgetReport: Sendable, Equatable {
    public let subject: DataSubject
    /// False when the subject had no key (never sealed anything, or already forgotten).
    public let keyDeleted: Bool
    /// How many keyed hashes were deleted.
    public let lookupsDeleted: Int
    /// The key store's file size after compaction, in bytes.
    public let keyStoreBytes: Int
}
