import Foundation

/// Reads a phone value the way a dialer must: strictly. Normalizes to E.164 with a default region,
/// and gives the number's type, region and time zones from libphonenumber's numbering plans
/// (``NumberingPlans``), walking digit automata rather than running regular expressions.
///
/// Stricter than libphonenumber's lenient parser, which skips leading junk and reads letters as
/// digits: only digits, spaces, `( ) - . /`, a leading `+` (or the region's international prefix)
/// and an extension marker are accepted. Formulas, labels, trailing words, vanity letters and
/// spreadsheet residue are refused and named; so are local-only numbers, emergency numbers of
/// every region, short codes, premium-rate and shared-cost numbers. Where none of that applies it
/// reads numbers as libphonenumber does (a differential test holds it to that), except that it
/// never follows a region's national-prefix transform rule (such as Argentina's `15` mobile
/// prefix); such numbers must come with their country code.
public struct PhoneNumberParser: Sendable {
    let plans: NumberingPlans

    public init() {
        plans = .current
    }

    /// The libphonenumber metadata version the tables were generated from.
    public var metadataVersion: String { plans.version }

    /// True when `region` (ISO 3166, such as `GB`) has a numbering plan here.
    public func knows(region: String) -> Bool { plans.regions[region] != nil }

    /// Reads `text`; numbers without a country code are read as dialled in `defaultRegion`.
    public func parse(_ text: String, defaultRegion: String?) -> Result<PhoneNumber, PhoneRejection> {
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy { $0 < 0x80 } ? parseASCII(bytes, defaultRegion) : nil }),
            let result = ascii
        {
            return result
        }
        return parseText(text, defaultRegion: defaultRegion)
    }

    /// The common case, on bytes: a cell of ASCII with nothing a dialer refuses before the digits.
    /// Anything unusual goes the general way, so both give the same answers.
    private func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ defaultRegion: String?) -> Result<PhoneNumber, PhoneRejection>? {
        var start = 0, end = bytes.count
        while start < end && Self.isASCIIBlank(bytes[start]) { start += 1 }
        while end > start && Self.isASCIIBlank(bytes[end - 1]) { end -= 1 }
        guard start < end else { return .failure(.empty) }
        var digits: [UInt8] = []
        digits.reserveCapacity(end - start)
        for index in start..<end {
            let byte = bytes[index]
            switch byte {
            case 48...57: digits.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "-"), UInt8(ascii: "/"): continue
            case UInt8(ascii: "+") where index == start: continue
            default: return nil  // letters, dots (residue?), extensions, formulas: the general way
            }
        }
        guard !digits.isEmpty else { return .failure(.empty) }
        let international = bytes[start] == UInt8(ascii: "+")
        return locate(digits, international: international, defaultRegion: defaultRegion).flatMap { countryCode, national, typed, fromDefault in
            number(countryCode: countryCode, national: national, typed: typed, fromDefault: fromDefault, phoneExtension: nil)
        }
    }

    private static func isASCIIBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private func parseText(_ text: String, defaultRegion: String?) -> Result<PhoneNumber, PhoneRejection> {
        var cell = Substring(text).trimmingCharacters(in: Self.blank)
        guard let first = cell.first else { return .failure(.empty) }
        if first == "=" || first == "@" { return .failure(.formula) }
        if let residue = Self.spreadsheetResidue(cell) { return .failure(.spreadsheetResidue(residue)) }
        let phoneExtension = Self.stripExtension(&cell)
        if let problem = Self.letters(in: cell) { return .failure(problem) }
        for (offset, character) in cell.enumerated() {
            if character.isASCII && (character.isNumber || "()-./ ".contains(character)) { continue }
            if character == "+" && offset == 0 { continue }
            return .failure(.invalidCharacter(character))
        }
        let digits = Array(cell.utf8.filter { $0 >= 48 && $0 <= 57 })
        guard !digits.isEmpty else { return .failure(.empty) }
        return locate(digits, international: first == "+", defaultRegion: defaultRegion).flatMap { countryCode, national, typed, fromDefault in
            number(countryCode: countryCode, national: national, typed: typed, fromDefault: fromDefault, phoneExtension: phoneExtension)
        }
    }

    // MARK: - Country code and national number

    /// The country code and national significant number of `digits`, the digits as typed after any
    /// country code (for the emergency check), and whether the region came from the default.
    private func locate(
        _ digits: [UInt8], international: Bool, defaultRegion: String?
    ) -> Result<(Int, ArraySlice<UInt8>, ArraySlice<UInt8>, Bool), PhoneRejection> {
        if international {
            guard let (code, national) = splitCountryCode(digits[...]) else { return .failure(.unknownCountryCode) }
            return .success((code, withoutNationalPrefix(national, countryCode: code), national, false))
        }
        guard let region = defaultRegion.flatMap({ plans.regions[$0] }) else { return .failure(.noRegion) }
        if let idd = region.internationalPrefix, let length = idd.prefixLengths(digits).last, length > 0,
            length < digits.count, digits[length] != UInt8(ascii: "0")
        {
            guard let (code, national) = splitCountryCode(digits[length...]) else {
                return Self.isEmergency(digits[...], plans) ? .failure(.emergency(String(decoding: digits, as: UTF8.self))) : .failure(.unknownCountryCode)
            }
            return .success((code, withoutNationalPrefix(national, countryCode: code), national, false))
        }
        if let national = withoutOwnCountryCode(digits[...], region) { return .success((region.countryCode, national, digits[...], true)) }
        return .success((region.countryCode, nationalSignificant(digits[...], region), digits[...], true))
    }

    /// A national prefix written after the country code (`+33 0 5 14 43 78 23`, `+44 (0)20 …`)
    /// comes off, as libphonenumber takes it off, by the plan of the code's main region.
    private func withoutNationalPrefix(_ national: ArraySlice<UInt8>, countryCode: Int) -> ArraySlice<UInt8> {
        guard let main = plans.regionsByCountryCode[countryCode]?.first else { return national }
        return nationalSignificant(national, main)
    }

    /// The country code at the start of `digits` (one to three digits) and the rest.
    private func splitCountryCode(_ digits: ArraySlice<UInt8>) -> (Int, ArraySlice<UInt8>)? {
        var code = 0
        for length in 1...3 where length <= digits.count {
            code = code * 10 + Int(digits[digits.startIndex + length - 1] - 48)
            if code == 0 { return nil }
            if plans.regionsByCountryCode[code] != nil { return (code, digits.dropFirst(length)) }
        }
        return nil
    }

    /// libphonenumber's reading of a national number that starts with its own country code
    /// (`442079460000` dialled in GB): the code is dropped when that makes a valid-looking number
    /// of an invalid one, or when the whole is too long.
    private func withoutOwnCountryCode(_ digits: ArraySlice<UInt8>, _ region: NumberingPlans.Region) -> ArraySlice<UInt8>? {
        let code = Array(String(region.countryCode).utf8)
        guard digits.starts(with: code) else { return nil }
        let rest = stripNationalPrefix(digits.dropFirst(code.count), region)
        let general = region.general.automaton
        let wholeMatches = general?.matches(digits) ?? false, restMatches = general?.matches(rest) ?? false
        if (!wholeMatches && restMatches) || Self.lengthCheck(digits.count, region) == .tooLong { return rest }
        return nil
    }

    /// `digits` without the region's national prefix, when taking it off leaves a number of a
    /// possible length (libphonenumber's rule).
    private func nationalSignificant(_ digits: ArraySlice<UInt8>, _ region: NumberingPlans.Region) -> ArraySlice<UInt8> {
        let stripped = stripNationalPrefix(digits, region)
        switch Self.lengthCheck(stripped.count, region) {
        case .tooShort, .localOnly, .invalidLength: return digits
        default: return stripped
        }
    }

    private func stripNationalPrefix(_ digits: ArraySlice<UInt8>, _ region: NumberingPlans.Region) -> ArraySlice<UInt8> {
        guard let prefix = region.nationalPrefixForParsing, let length = prefix.prefixLengths(digits).last, length > 0 else { return digits }
        let stripped = digits.dropFirst(length)
        let general = region.general.automaton
        if (general?.matches(digits) ?? false) && !(general?.matches(stripped) ?? false) { return digits }
        return stripped
    }

    // MARK: - The number

    private func number(
        countryCode: Int, national: ArraySlice<UInt8>, typed: ArraySlice<UInt8>, fromDefault: Bool, phoneExtension: String?
    ) -> Result<PhoneNumber, PhoneRejection> {
        guard let candidates = plans.regionsByCountryCode[countryCode], let main = candidates.first else { return .failure(.unknownCountryCode) }
        let region = candidates.count == 1 ? main : candidates.first { claims($0, national) }
        let plan = region ?? main
        let length = Self.lengthCheck(national.count, plan)
        // The number's type, walked once: it matters only for a number of a possible length.
        let type = length == .possible ? region.map { Self.type(of: national, in: $0) } ?? .unknown : .unknown
        // An emergency number of any region is refused unless it is a valid number of its own plan
        // (`+358 90000` is a Finnish number, not a call to 000).
        if length != .possible || type == .unknown {
            for digits in [typed, national] where Self.isEmergency(digits, plans) {
                return .failure(.emergency(String(decoding: digits, as: UTF8.self)))
            }
        }
        switch length {
        case .localOnly: return .failure(.localOnly)
        case .tooShort: return .failure(plan.shortCode?.matches(national) == true ? .shortCode : .tooShort)
        case .tooLong: return .failure(.tooLong)
        case .invalidLength: return .failure(.invalidLength)
        case .possible: break
        }
        if String(countryCode).count + national.count > 15 { return .failure(.longerThanE164) }
        if type == .premiumRate { return .failure(.premiumRate) }
        if type == .sharedCost { return .failure(.sharedCost) }
        var warnings: [PhoneWarning] = []
        if type == .unknown { warnings.append(.possibleButNotValid) }
        if fromDefault { warnings.append(.regionFromDefault) }
        let nationalText = String(decoding: national, as: UTF8.self)
        return .success(PhoneNumber(
            e164: "+\(countryCode)\(nationalText)", countryCode: countryCode, nationalNumber: nationalText, region: plan.code, type: type,
            timeZones: timeZones(countryCode: countryCode, national: national, type: type, geographicMobile: plan.geographicMobile),
            phoneExtension: phoneExtension, warnings: warnings))
    }

    /// libphonenumber's region choice among those sharing a country code: leading digits when the
    /// region has them, else a number of a known type.
    private func claims(_ region: NumberingPlans.Region, _ national: ArraySlice<UInt8>) -> Bool {
        if let leading = region.leadingDigits { return !leading.prefixLengths(national).filter { $0 > 0 }.isEmpty }
        return Self.type(of: national, in: region) != .unknown
    }

    /// The types checked before fixed line and mobile, in libphonenumber's order.
    private static let specialTypes: [(NumberingPlans.TypeSlot, PhoneType)] = [
        (.premiumRate, .premiumRate), (.tollFree, .tollFree), (.sharedCost, .sharedCost), (.voip, .voip),
        (.personalNumber, .personalNumber), (.pager, .pager), (.uan, .uan), (.voicemail, .voicemail),
    ]

    /// libphonenumber's `_number_type_helper`.
    static func type(of national: ArraySlice<UInt8>, in region: NumberingPlans.Region) -> PhoneType {
        guard region.general.matches(national) else { return .unknown }
        for (slot, type) in specialTypes where region.type(slot).matches(national) { return type }
        if region.type(.fixedLine).matches(national) {
            return region.sameMobileAndFixedLine || region.type(.mobile).matches(national) ? .fixedLineOrMobile : .fixedLine
        }
        if !region.sameMobileAndFixedLine && region.type(.mobile).matches(national) { return .mobile }
        return .unknown
    }

    enum LengthCheck {
        case possible, localOnly, tooShort, tooLong, invalidLength
    }

    /// libphonenumber's `_test_number_length` against the region's general description.
    static func lengthCheck(_ length: Int, _ region: NumberingPlans.Region) -> LengthCheck {
        let lengths = region.general.lengths
        guard lengths != 0 else { return .invalidLength }
        if length < 32 && region.localOnlyLengths & (1 << length) != 0 { return .localOnly }
        let minimum = lengths.trailingZeroBitCount, maximum = 31 - lengths.leadingZeroBitCount
        if length < minimum { return .tooShort }
        if length > maximum { return .tooLong }
        return lengths & (1 << length) != 0 ? .possible : .invalidLength
    }

    static func isEmergency(_ digits: ArraySlice<UInt8>, _ plans: NumberingPlans) -> Bool {
        guard let key = NumberingPlans.digitKey(digits) else { return false }
        return plans.emergencyNumbers.contains(key)
    }

    /// libphonenumber's time zones: by the longest known prefix for a geographic number, by the
    /// country code for others, `Etc/Unknown` for a number of unknown type.
    private func timeZones(countryCode: Int, national: ArraySlice<UInt8>, type: PhoneType, geographicMobile: Bool) -> [String] {
        guard type != .unknown else { return ["Etc/Unknown"] }
        let code = Array(String(countryCode).utf8)
        let geographic = type == .fixedLine || type == .fixedLineOrMobile || (type == .mobile && geographicMobile)
        let digits = geographic ? code + national : code
        let lengths = geographic ? Array((1...max(1, min(plans.longestTimeZonePrefix, digits.count))).reversed()) : [code.count, min(2, code.count)]
        for length in lengths {
            if let key = NumberingPlans.digitKey(digits.prefix(length)), let zones = plans.timeZonesByPrefix[key] {
                return zones
            }
        }
        return ["Etc/Unknown"]
    }

    // MARK: - What a dialer refuses

    static let blank = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{200B}\u{FEFF}"))

    /// `4155552671.0` or `4.155552671E9`: a number a spreadsheet stored as a number.
    static func spreadsheetResidue(_ cell: Substring) -> String? {
        let characters = Array(cell)
        if let dot = characters.firstIndex(of: "."), dot > 0, characters[..<dot].allSatisfy(\.isASCIIDigit),
            characters[(dot + 1)...].allSatisfy({ $0 == "0" }), dot + 1 < characters.count
        {
            return "a trailing .\(String(characters[(dot + 1)...]))"
        }
        if let e = characters.firstIndex(where: { $0 == "e" || $0 == "E" }), e > 0, characters[0].isASCIIDigit {
            let mantissa = characters[..<e], exponent = characters[(e + 1)...].drop { $0 == "+" }
            let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }), !exponent.isEmpty,
                exponent.allSatisfy(\.isASCIIDigit)
            {
                return "scientific notation"
            }
        }
        return nil
    }

    /// Takes an extension off the end (`x123`, `ext. 123`, `extension 123`, `#123`, `;ext=123`).
    static func stripExtension(_ cell: inout Substring) -> String? {
        let lowered = cell.lowercased()
        let digits = lowered.reversed().prefix { $0.isASCIIDigit }
        guard (1...7).contains(digits.count) else { return nil }
        var head = lowered.dropLast(digits.count)
        while let last = head.last, last == " " || last == "." || last == ":" || last == "=" { head.removeLast() }
        for marker in [";ext", "extension", "ext", "x", "#"] where head.hasSuffix(marker) {
            let before = head.dropLast(marker.count)
            guard let previous = before.last, previous.isASCIIDigit || previous == " " || previous == ")" else { continue }
            cell = cell.prefix(before.count).trimmingCharacters(in: blank)
            return String(digits.reversed())
        }
        return nil
    }

    /// Letters: a label before the digits, words after them, or letters among them.
    static func letters(in cell: Substring) -> PhoneRejection? {
        guard cell.contains(where: \.isLetter) else { return nil }
        guard let firstDigit = cell.firstIndex(where: \.isASCIIDigit), let lastDigit = cell.lastIndex(where: \.isASCIIDigit) else {
            return .vanity
        }
        let before = cell[..<firstDigit], after = cell[cell.index(after: lastDigit)...]
        if before.contains(where: \.isLetter) { return .label(before.trimmingCharacters(in: blank.union(CharacterSet(charactersIn: ":+(")))) }
        // Letters joined to the digits (`1-800-FLOWERS`) spell digits; words set apart (`(cell)`) are words.
        if after.contains(where: \.isLetter), !(after.first?.isLetter ?? false), !(after.hasPrefix("-") && after.dropFirst().first?.isLetter == true) {
            return .trailingWords(after.trimmingCharacters(in: blank))
        }
        return .vanity
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Substring {
    func trimmingCharacters(in set: CharacterSet) -> Substring {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !set.contains($0) }), let end = scalars.lastIndex(where: { !set.contains($0) }) else {
            return self[endIndex...]
        }
        return self[start...end]
    }
}
