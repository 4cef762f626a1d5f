import ContactImport
import Testing

@Suite("Emails and column mapping")
struct EmailAndMappingTests {
    @Test("practical email syntax with RFC 5321 lengths; every refusal has its reason code", arguments: [
        ("", "email_empty"), ("jane.example.com", "email_no_at"), ("a@b@example.com", "email_several_ats"),
        (String(repeating: "a", count: 65) + "@example.com", "email_local_part_too_long"),
        ("a@" + String(repeating: "b", count: 250) + ".com", "email_too_long"), (".jane@example.com", "email_invalid_local_part"),
        ("ja..ne@example.com", "email_invalid_local_part"), ("jane smith@example.com", "email_invalid_local_part"),
        ("jane@example", "email_invalid_domain"), ("jane@-example.com", "email_invalid_domain"), ("jane@example.c0m", "email_invalid_domain"),
        ("jane@exa_mple.com", "email_invalid_domain"),
    ])
    func refused(text: String, code: String) {
        guard case .failure(let rejection) = EmailAddress.parse(text) else {
            Issue.record("\(text.debugDescription) was accepted")
            return
        }
        #expect(rejection.code == code, "\(text.debugDescription)")
    }

    @Test("accepted addresses keep their local part and lowercase their domain; duplicates compare without case")
    func accepted() throws {
        let address = try EmailAddress.parse("  Jane.O'Neil+leads@Example.CO.uk ").get()
        #expect(address.address == "Jane.O'Neil+leads@example.co.uk")
        #expect(address.comparisonKey == (try EmailAddress.parse("mailto:jane.o'neil+LEADS@example.co.uk").get()).comparisonKey)
        #expect((try? EmailAddress.parse(String(repeating: "a", count: 64) + "@example.com").get()) != nil, "64 is allowed")
    }

    @Test("headers are normalized; synonyms, custom fields and remembered mappings are suggested")
    func mapping() {
        #expect(ColumnHeader.normalized("  E-Mail_Address ") == "e mail address")
        #expect(ColumnHeader.normalized("PHONE  NUMBER") == "phone number")
        let headers = ["Full Name", "Mobile", "E-mail", "Company Name", "Industry", "Lead Source", "Shoe size"]
        let suggestions = MappingSuggester().suggest(headers: headers, customFields: [(key: "industry", label: "Industry")], remembered: [:])
        #expect(suggestions.map(\.field) == [.name, .phone, .email, .company, .custom("industry"), .source, .ignored])
        #expect(suggestions.map(\.reason) == [.synonym, .synonym, .synonym, .synonym, .customField, .synonym, .unknown])
        let memory = [ColumnHeader.signature(headers): [ContactField.name, .phone, .ignored, .company, .ignored, .source, .notes]]
        let remembered = MappingSuggester().suggest(headers: headers, customFields: [], remembered: memory)
        #expect(remembered.map(\.field) == memory.values.first)
        #expect(remembered.allSatisfy { $0.reason == .remembered })
        #expect(ContactField("custom.industry") == .custom("industry") && ContactField("phone") == .phone && ContactField("shoe") == nil)
    }
}
