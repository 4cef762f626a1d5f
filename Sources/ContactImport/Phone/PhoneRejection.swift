/// Why a phone value is refused. Stricter than libphonenumber's lenient parser: a dialer must not
/// guess. ``code`` is the reason code rejected rows carry.
public enum PhoneRejection: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    /// A spreadsheet formula (`=+14155552671`, `@…`).
    case formula
    /// A label before the number (`Mob: 07911 123456`).
    case label(String)
    /// Words after the number (`415-555-2671 (cell)`).
    case trailingWords(String)
    /// Letters among the digits (`1-800-FLOWERS`).
    case vanity
    /// What a spreadsheet did to a number stored as one: `4155552671.0`, `4.155552671E9`.
    case spreadsheetResidue(String)
    /// A character that has no place in a phone number.
    case invalidCharacter(Character)
    /// No country code, and no default region to read it in.
    case noRegion
    case unknownCountryCode
    /// A local number without its area code (a 7-digit US number).
    case localOnly
    case tooShort
    case tooLong
    /// Valid in its plan, but longer than the 15 digits ITU-T E.164 allows: no dialer or suppression
    /// list can hold it.
    case longerThanE164
    /// A length no number of the region has.
    case invalidLength
    /// An emergency number of any region (112, 911, 999, 000, 110, …).
    case emergency(String)
    /// A short code (service numbers shorter than any subscriber number).
    case shortCode
    case premiumRate
    case sharedCost
    /// No region of the country code claims the number.
    case notDiallable

    /// The reason code, for rejected rows and reports.
    public var code: String {
        switch self {
        case .empty: "phone_empty"
        case .formula: "phone_formula"
        case .label: "phone_label"
        case .trailingWords: "phone_trailing_words"
        case .vanity: "phone_vanity"
        case .spreadsheetResidue: "phone_spreadsheet_residue"
        case .invalidCharacter: "phone_invalid_character"
        case .noRegion: "phone_no_region"
        case .unknownCountryCode: "phone_unknown_country_code"
        case .localOnly: "phone_local_only"
        case .tooShort: "phone_too_short"
        case .tooLong: "phone_too_long"
        case .longerThanE164: "phone_longer_than_e164"
        case .invalidLength: "phone_invalid_length"
        case .emergency: "phone_emergency"
        case .shortCode: "phone_short_code"
        case .premiumRate: "phone_premium_rate"
        case .sharedCost: "phone_shared_cost"
        case .notDiallable: "phone_not_diallable"
        }
    }

    public var description: String {
        switch self {
        case .empty: "no phone number"
        case .formula: "a spreadsheet formula, not a number: remove the leading = or @"
        case .label(let label): "a label (\(label)) before the number: keep the digits only"
        case .trailingWords(let words): "words (\(words)) after the number: keep the digits only"
        case .vanity: "letters in the number: give it in digits"
        case .spreadsheetResidue(let what): "\(what): the spreadsheet stored the number as a number; format the column as text"
        case .invalidCharacter(let character): "\(character.debugDescription) has no place in a phone number"
        case .noRegion: "no country code, and no default region to read the number in"
        case .unknownCountryCode: "no country has this country code"
        case .localOnly: "a local number without its area code"
        case .tooShort: "too short for a phone number of its region"
        case .tooLong: "too long for a phone number of its region"
        case .longerThanE164: "longer than the 15 digits E.164 allows"
        case .invalidLength: "no number of its region has this length"
        case .emergency(let number): "\(number) is an emergency number"
        case .shortCode: "a short code, not a subscriber number"
        case .premiumRate: "a premium-rate number"
        case .sharedCost: "a shared-cost number"
        case .notDiallable: "no region of its country code has such a number"
        }
    }
}
