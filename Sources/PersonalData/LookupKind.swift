/// What a keyed hash looks up: duplicates by phone or by email are found through these, and the
/// hashes live only in the key store, never in the log.
public enum LookupKind: String, Sendable, CaseIterable {
    /// A phone number in E.164.
    case phone
    /// An email address, lowercased.
    case email
}
