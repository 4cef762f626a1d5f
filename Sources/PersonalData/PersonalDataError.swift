/// What can go wrong with personal data, typed so that callers can tell bad input from tampering.
public enum PersonalDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A subject id that cannot name a data subject.
    case invalidSubject(String)
    /// A sealed value did not authenticate: its bytes were changed, or it was moved to another
    /// subject or field.
    case tampered(String)
    /// The key store failed; the message says how.
    case keyStore(String)
    /// A key bundle (export, restore) is malformed or the passphrase is wrong.
    case keyBundle(String)
    /// The subject has no key in this store (forgotten, or restored without keys), and sealing
    /// for it was asked not to make one.
    case noKey(String)

    public var description: String {
        switch self {
        case .invalidSubject(let message): "invalid subject: \(message)"
        case .tampered(let message): "sealed value does not authenticate: \(message)"
        case .keyStore(let message): "key store: \(message)"
        case .keyBundle(let message): "key bundle: \(message)"
        case .noKey(let subject): "\(subject) has no key in this store (forgotten, or restored without keys)"
        }
    }
}
