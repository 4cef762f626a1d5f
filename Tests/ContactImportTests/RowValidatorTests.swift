import CallStackEvents
import ContactImport
import SwiftProtobuf
import Testing

@Suite("Row validation")
struct RowValidatorTests {
    static let settings: Callstack_V1_WorkspaceSettings = .with {
        $0.importDefaults = .with { $0.defaultPhoneRegion = "US"; $0.requiredFields = ["phone", "name"] }
        $0.customFields = [
            .with { $0.key = "seats"; $0.label = "Seats"; $0.type = .number },
            .with { $0.key = "renewal"; $0.label = "Renewal"; $0.type = .date; $0.required = true },
        ]
    }

    let validator = RowValidator(
        rules: ImportRules(settings: Self.settings, brief: nil), headers: ["First", "Last", "Phone", "Seats", "Renewal"],
        mapping: [.firstName, .lastName, .phone, .custom("seats"), .custom("renewal")])

    @Test("first and last names join; custom numbers and dates are typed; a source is kept as written when the workspace has none")
    func accepted() throws {
        let check = validator.check(CSVRecord(line: 2, fields: ["Ada", "Lovelace", "(415) 555-2671", "12.5", "2027-02-28"]))
        let draft = try #require(check.draft)
        #expect(draft.name == "Ada Lovelace" && draft.phones.map(\.e164) == ["+14155552671"])
        #expect(draft.custom.map(\.key) == ["seats", "renewal"] && draft.custom.map(\.value) == ["12.5", "2027-02-28"])
        #expect(check.warnings.map(\.code) == ["phone_region_from_default"])
    }

    @Test("typed custom fields, required fields and extra cells")
    func problems() {
        let bad = validator.check(CSVRecord(line: 3, fields: ["", "", "+1 415 555 2671", "1,200", "2027-02-30", "extra"]))
        #expect(bad.draft == nil)
        #expect(Set(bad.problems.map(\.code)) == ["required_missing", "custom_not_a_number", "custom_not_a_date"])
        #expect(bad.problems.first { $0.code == "required_missing" }?.column == "name")
        #expect(bad.warnings.map(\.code) == ["extra_cells"])
        let missing = validator.check(CSVRecord(line: 4, fields: ["Bo", "", "+1 415 555 2671"]))
        #expect(missing.problems.map(\.code) == ["required_missing"] && missing.problems.first?.column == "renewal", "a short row's cells are empty")
    }

    @Test("a refused value is not also missing, even when two columns share a header name")
    func sharedHeaderNames() {
        let validator = RowValidator(
            rules: ImportRules(settings: Self.settings, brief: nil), headers: ["Phone", "Phone", "Name", "Renewal"],
            mapping: [.ignored, .phone, .name, .custom("renewal")])
        let check = validator.check(CSVRecord(line: 2, fields: ["", "=+14155552671", "Ada", "2027-01-01"]))
        #expect(check.problems.map(\.code) == ["phone_formula"], "the phone was refused, not missing")
    }

    @Test("the previewer counts, finds duplicates in the file and the workspace, and checks suppression")
    func preview() throws {
        let text = "First,Last,Phone,Seats,Renewal\nA,One,+14155552671,1,2027-01-01\nB,Two,+14155552671,1,2027-01-01\nC,Three,+14155550100,1,2027-01-01\nD,Four,+12125550100,1,2027-01-01\nE,Five,=1,1,2027-01-01\n"
        let previewer = ImportPreviewer(
            rules: ImportRules(settings: Self.settings, brief: nil), customFields: [], remembered: [:],
            existingContacts: { kind, value in kind == "phone" && value == "+14155550100" ? ["c-9"] : [] },
            suppression: { phone, _ in phone == "+12125550100" ? "dnc-1 (asked)" : nil })
        let preview = try previewer.preview(try CSVReader(bytes: Array(text.utf8)), mapping: [.firstName, .lastName, .phone, .custom("seats"), .custom("renewal")])
        #expect(preview.counts.rows == 5 && preview.counts.accepted == 2 && preview.counts.rejected == 3)
        #expect(preview.counts.rejectedByReason == ["duplicate_in_file": 1, "suppressed": 1, "phone_formula": 1])
        #expect(preview.counts.duplicatesInWorkspace == 1 && preview.firstRows[2].existingContacts == ["c-9"])
        #expect(preview.firstRows[1].duplicateOfLine == 2)
        #expect(preview.columns[2].problems == ["phone_formula": 1])
    }
}
