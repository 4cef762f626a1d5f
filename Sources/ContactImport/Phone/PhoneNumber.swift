/// A phone number as the import accepts it: normalized to E.164, with what the numbering plan
/// says of it.
public struct PhoneNumber: Sendable, Equatable {
    /// `+` and the digits, such as `+442079460123`.
    public let e164: String
    public let countryCode: Int
    /// The national significant number: the digits after the country code.
    public let nationalNumber: String
    /// ISO 3166 region, such as `GB`; `IM` for a number of the Isle of Man, which shares +44.
    public let region: String
    public let type: PhoneType
    /// IANA time zones the number may be in (several for a mobile or a large country);
    /// `Etc/Unknown` when the plan does not say.
    public let timeZones: [String]
    /// Digits after an extension marker (`x`, `ext`, `#`), if any.
    public let phoneExtension: String?
    /// Warnings that keep the number.
    public let warnings: [PhoneWarning]
}

/// A number's type, as libphonenumber's metadata gives it.
public enum PhoneType: String, Sendable, Equatable, CaseIterable {
    case fixedLine, mobile, fixedLineOrMobile, tollFree, premiumRate, sharedCost, voip, personalNumber, pager, uan, voicemail
    /// A number of a possible length that matches no pattern of its region: possible, not valid.
    case unknown
}

/// Why a phone value keeps its row but deserves a look.
public enum PhoneWarning: String, Sendable, Equatable, CaseIterable {
    /// The length is possible for the region, but no pattern of its plan matches.
    case possibleButNotValid = "possible_not_valid"
    /// The number had no country code: its region is the import's default.
    case regionFromDefault = "region_from_default"
}
