@testable import ContactImport
import Foundation
import Testing

/// Our strict parser against libphonenumber (the `phonenumbers` package), on every region × type's
/// example number in several formats and variants, and 4,000 typed inputs: expectations generated
/// once by `Scripts/generate-numbering-plans.py` and committed, so no pip is needed here. Where a
/// stricter rule refuses an input (premium rate, shared cost, local-only, emergency, short code),
/// or a national number of a region with a national-prefix transform rule is given, the row is
/// counted, not compared.
@Suite("Phone numbers against libphonenumber")
struct PhoneDifferentialTests {
    struct Row: Sendable, CustomStringConvertible {
        let kind: String, region: String, input: String, expected: String
        var description: String { "\(kind) \(region) \(input.debugDescription) → \(expected)" }
    }

    static let rows: [Row] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/phone-differential.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
            let cells = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            return cells.count == 4 ? Row(kind: cells[0], region: cells[1], input: cells[2], expected: cells[3]) : nil
        }
    }()

    /// Rejections that are ours alone: libphonenumber would accept these.
    static let stricter: Set<String> = [
        "phone_premium_rate", "phone_shared_cost", "phone_local_only", "phone_emergency", "phone_short_code", "phone_longer_than_e164",
    ]

    @Test("the fixture covers every region with a plan, and every type of each")
    func coverage() {
        #expect(Self.rows.count > 10_000)
        let regions = Set(Self.rows.filter { $0.kind != "typed" }.map(\.region))
        #expect(regions.count >= 240)
        let parser = PhoneNumberParser()
        #expect(regions.allSatisfy(parser.knows(region:)))
    }

    @Test("every row agrees with libphonenumber, or is refused by a stricter rule")
    func differential() {
        let parser = PhoneNumberParser()
        var compared = 0
        var stricter: [String: Int] = [:]
        var disagreements: [String] = []
        var transforms = 0
        for row in Self.rows {
            let result = parser.parse(row.input, defaultRegion: row.region)
            if parser.plans.regions[row.region]?.hasTransformRule == true && !row.input.hasPrefix("+") {
                // A national number of a region whose prefix rule rewrites it (Argentina's 15, a
                // Caribbean 7-digit local number): we do not guess; such numbers need their code.
                transforms += 1
                continue
            }
            switch result {
            case .failure(let rejection) where Self.stricter.contains(rejection.code):
                stricter[rejection.code, default: 0] += 1
            case .failure(let rejection):
                compared += 1
                if row.expected != "invalid" && row.expected != "unparsable" { disagreements.append("\(row): we refuse (\(rejection.code))") }
            case .success(let number) where number.warnings.contains(.possibleButNotValid):
                compared += 1
                if row.expected != "invalid" { disagreements.append("\(row): we say possible but not valid (\(number.e164))") }
            case .success(let number):
                compared += 1
                let ours = "\(number.e164)\t\(number.type.libphonenumberName)\t\(number.region)\t\(number.timeZones.joined(separator: ","))"
                if ours != row.expected { disagreements.append("\(row): we read \(ours)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(compared) disagree:\n\(disagreements.prefix(40).joined(separator: "\n"))")
        #expect(compared > 8_000, "compared \(compared); refused by stricter rules: \(stricter); transform rules: \(transforms)")
    }
}

extension PhoneType {
    /// The fixture's spelling.
    var libphonenumberName: String { rawValue }
}
