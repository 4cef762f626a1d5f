import ContactImport
import Testing

/// What the parser refuses where libphonenumber would guess, with the reason named.
@Suite("Phone numbers, strictly")
struct PhoneStrictRulesTests {
    let parser = PhoneNumberParser()

    private func rejection(_ text: String, _ region: String? = "US") -> PhoneRejection? {
        if case .failure(let rejection) = parser.parse(text, defaultRegion: region) { return rejection }
        return nil
    }

    @Test("formulas, labels, trailing words, vanity letters and stray characters are refused", arguments: [
        ("=+14155552671", "phone_formula"), ("@14155552671", "phone_formula"), ("Mob: 07911 123456", "phone_label"),
        ("tel:+14155552671", "phone_label"), ("415-555-2671 (cell)", "phone_trailing_words"), ("1-800-FLOWERS", "phone_vanity"),
        ("415*555*2671", "phone_invalid_character"), ("+1 415 555 2671 +", "phone_invalid_character"), ("   ", "phone_empty"),
        ("()", "phone_empty"),
    ])
    func junk(text: String, code: String) {
        #expect(rejection(text, "GB")?.code == code, "\(text)")
    }

    @Test("spreadsheet residue is named")
    func residue() {
        #expect(rejection("4155552671.0") == .spreadsheetResidue("a trailing .0"))
        #expect(rejection("4.155552671E9") == .spreadsheetResidue("scientific notation"))
        #expect(rejection("4.155552671e+09") == .spreadsheetResidue("scientific notation"))
        #expect(rejection("415.555.2671") == nil, "dots as separators are fine")
    }

    @Test("emergency numbers of every region are refused whatever the default region, national or with +", arguments: [
        ("112", "US"), ("911", "GB"), ("999", "US"), ("000", "DE"), ("110", "FR"), ("+44 999", "US"), ("+1 911", "GB"),
        ("+49 112", "US"), ("+61 000", "JP"),
    ])
    func emergency(text: String, region: String) {
        #expect(rejection(text, region)?.code == "phone_emergency", "\(text) from \(region)")
    }

    @Test("local-only numbers, short codes, premium-rate and shared-cost numbers are refused")
    func unsafe() {
        #expect(rejection("555-2671") == .localOnly)
        #expect(rejection("+1 900 555 0123")?.code == "phone_premium_rate")
        #expect(rejection("0909 879 0000", "GB") == .premiumRate)
        #expect(rejection("0884 01 23 45", "FR") == .sharedCost)
        #expect(rejection("+999 12345") == .unknownCountryCode)
        #expect(rejection("4155552671", nil) == .noRegion)
        #expect(rejection("+1 415 555 26711") == .tooLong)
    }

    @Test("accepted numbers come normalized, typed, placed, with time zones and their warnings")
    func accepted() throws {
        let london = try parser.parse("020 7946 0123", defaultRegion: "GB").get()
        #expect(london.e164 == "+442079460123" && london.type == .fixedLine && london.region == "GB")
        #expect(london.timeZones == ["Europe/London"] && london.warnings == [.regionFromDefault])
        let mobile = try parser.parse("+44 (0)7400 123456 ext. 12", defaultRegion: "US").get()
        #expect(mobile.e164 == "+447400123456" && mobile.type == .mobile && mobile.phoneExtension == "12" && mobile.warnings.isEmpty)
        let jersey = try parser.parse("+44 1534 456789", defaultRegion: nil).get()
        #expect(jersey.region == "JE", "a Crown dependency sharing +44")
        let viaPrefix = try parser.parse("011 44 20 7946 0123", defaultRegion: "US").get()
        #expect(viaPrefix.e164 == "+442079460123" && viaPrefix.warnings.isEmpty, "the US international prefix")
        let possible = try parser.parse("+44 11 1234 5678", defaultRegion: nil).get()
        #expect(possible.type == .unknown && possible.warnings == [.possibleButNotValid] && possible.timeZones == ["Etc/Unknown"])
        #expect(parser.metadataVersion == "9.0.43")
    }
}

extension PhoneStrictRulesTests {
    @Test("a valid number of its own plan is not taken for an emergency number of another region")
    func notEmergency() throws {
        let finnish = try parser.parse("+358 90000", defaultRegion: "US").get()
        #expect(finnish.region == "FI")
        #expect(rejection("000", "FI")?.code == "phone_emergency")
    }
}

extension PhoneStrictRulesTests {
    @Test("numbers longer than E.164 allows are refused; the shortest in use are kept")
    func e164Limits() throws {
        #expect(rejection("+49 30 1234567890123", nil) == .longerThanE164)
        #expect(try parser.parse("+683 7012", defaultRegion: nil).get().e164 == "+6837012")
    }
}
