/// An email address as the import accepts it: a practical check of the syntax, RFC 5321's lengths
/// (64 bytes of local part, 254 in all), and a domain of letters, digits and hyphens with a
/// top-level label. Duplicates compare ``comparisonKey``, the whole address lowercased.
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
    /// The address as given, with its domain lowercased.
    public let address: String

    /// The key duplicates are found by: the address lowercased.
    public var comparisonKey: String { address.lowercased() }

    public var description: String { address }

    /// Why a value is not an email address. ``code`` is the reason code rejected rows carry.
    public enum Rejection: Error, Sendable, Equatable, CustomStringConvertible {
        case empty, noAt, severalAts, localPartTooLong, tooLong, invalidLocalPart, invalidDomain

        public var code: String {
            switch self {
            case .empty: "email_empty"
            case .noAt: "email_no_at"
            case .severalAts: "email_several_ats"
            case .localPartTooLong: "email_local_part_too_long"
            case .tooLong: "email_too_long"
            case .invalidLocalPart: "email_invalid_local_part"
            case .invalidDomain: "email_invalid_domain"
            }
        }

        public var description: String {
            switch self {
            case .empty: "no email address"
            case .noAt: "no @ in the address"
            case .severalAts: "more than one @ in the address"
            case .localPartTooLong: "the part before the @ is longer than 64 characters"
            case .tooLong: "the address is longer than 254 characters"
            case .invalidLocalPart: "the part before the @ has characters an address cannot have"
            case .invalidDomain: "the domain is not a valid host name (letters, digits, hyphens, a dot and a top-level domain)"
            }
        }
    }

    /// Reads `text`, trimmed of spaces (and of a `mailto:` some exports add).
    public static func parse(_ text: String) -> Result<EmailAddress, Rejection> {
        var value = Substring(text).trimmingCharacters(in: PhoneNumberParser.blank)
        if value.count > 7, value.prefix(7).lowercased() == "mailto:" { value = value.dropFirst(7) }
        guard !value.isEmpty else { return .failure(.empty) }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return .failure(.noAt) }
        guard parts.count == 2 else { return .failure(.severalAts) }
        let local = parts[0], domain = parts[1]
        guard local.utf8.count <= 64 else { return .failure(.localPartTooLong) }
        guard value.utf8.count <= 254 else { return .failure(.tooLong) }
        guard isLocalPart(local) else { return .failure(.invalidLocalPart) }
        guard isDomain(domain) else { return .failure(.invalidDomain) }
        return .success(EmailAddress(address: "\(local)@\(domain.lowercased())"))
    }

    private static let localSpecials = Set("!#$%&'*+/=?^_`{|}~-".utf8)

    private static func isLocalPart(_ local: Substring) -> Bool {
        guard !local.isEmpty, local.first != ".", local.last != ".", !local.contains("..") else { return false }
        return local.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: ".") || localSpecials.contains(byte)
        }
    }

    private static func isDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253, let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == UInt8(ascii: "-") }
        }
    }
}
