import CallStackEvents
import Foundation

/// One do-not-call entry: a phone, a phone prefix, an email or a whole email domain. Entries are
/// kept by legal obligation: never sealed, never erased by a forget.
public struct SuppressionEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case phone, phonePrefix, email, emailDomain

        init?(_ kind: Callstack_V1_SuppressionKind) {
            switch kind {
            case .phone: self = .phone
            case .phonePrefix: self = .phonePrefix
            case .email: self = .email
            case .emailDomain: self = .emailDomain
            default: return nil
            }
        }

        var message: Callstack_V1_SuppressionKind {
            switch self {
            case .phone: .phone
            case .phonePrefix: .phonePrefix
            case .email: .email
            case .emailDomain: .emailDomain
            }
        }
    }

    public let id: String
    public let kind: Kind
    /// Normalised: E.164 for phones and prefixes, lowercased for emails and domains.
    public let value: String
    public let reason: String
    public let source: String
    public let addedBy: String
    public let addedAt: BusinessTime
    /// Nil: never expires.
    public let expiresAt: BusinessTime?

    public init(
        id: String, kind: Kind, value: String, reason: String, source: String, addedBy: String, addedAt: BusinessTime,
        expiresAt: BusinessTime?
    ) {
        self.id = id
        self.kind = kind
        self.value = value
        self.reason = reason
        self.source = source
        self.addedBy = addedBy
        self.addedAt = addedAt
        self.expiresAt = expiresAt
    }

    /// True when the entry is in force at `time` and covers the phone or the email.
    public func matches(phone: E164Phone?, email: String?, at time: BusinessTime) -> Bool {
        if let expiresAt, time >= expiresAt { return false }
        switch kind {
        case .phone: return phone?.digits == value
        case .phonePrefix: return phone?.digits.hasPrefix(value) ?? false
        case .email: return email?.lowercased() == value
        case .emailDomain:
            guard let domain = email?.lowercased().split(separator: "@").last, email?.contains("@") == true else { return false }
            return domain == value || domain.hasSuffix("." + value)
        }
    }

    /// The normalised value for `kind`, or why `raw` is not one.
    static func normalise(_ raw: String, as kind: Kind) -> Result<String, DomainRejection> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .phone:
            do { return .success(try E164Phone(text).digits) } catch { return .failure(.invalidCommand(error.description)) }
        case .phonePrefix:
            let digits = text.dropFirst()
            guard text.hasPrefix("+"), (1...14).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return .failure(.invalidCommand("phone prefix \(raw.debugDescription) is not + and 1 to 14 digits"))
            }
            return .success(text)
        case .email:
            let parts = text.lowercased().split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains(".") else {
                return .failure(.invalidCommand("email \(raw.debugDescription) is not an address"))
            }
            return .success(text.lowercased())
        case .emailDomain:
            let domain = text.lowercased()
            guard !domain.isEmpty, !domain.contains("@"), domain.contains("."), !domain.hasPrefix("."), !domain.contains(" ") else {
                return .failure(.invalidCommand("email domain \(raw.debugDescription) is not a domain"))
            }
            return .success(domain)
        }
    }
}
