import CallStackEvents
import Foundation
import ContactImport
import Testing

@Suite("Contact edits")
struct ContactEditorTests {
    let editor = ContactEditor(rules: ImportRules(settings: RowValidatorTests.settings, brief: nil))

    /// Ada, with a US phone, an email, seats and a renewal date: valid under the suite's rules.
    var ada: ContactDraft {
        let row = RowValidator(
            rules: editor.rules, headers: ["Name", "Phone", "Email", "Seats", "Renewal"],
            mapping: [.name, .phone, .email, .custom("seats"), .custom("renewal")])
        return row.check(CSVRecord(line: 2, fields: ["Ada", "415 555 2671", "ada@example.com", "12", "2027-02-28"])).draft!
    }

    @Test("named fields replace their group; others stay; only groups that differ count as changed")
    func replaces() throws {
        let edit = try editor.apply([(.phone, "+44 20 7946 0123"), (.phone, "415 555 2671"), (.custom("seats"), "14"), (.email, "ada@example.com")], to: ada).get()
        #expect(edit.draft.phones.map(\.e164) == ["+442079460123", "+14155552671"])
        #expect(edit.draft.custom.map(\.value) == ["14", "2027-02-28"], "the other custom field keeps its value")
        #expect(edit.changed == [.phones, .customFields], "the email was given unchanged")
        #expect(try editor.apply([(.name, "Ada")], to: ada).get().changed.isEmpty)
        let named = try editor.apply([(.firstName, "Ada"), (.lastName, "King")], to: ada).get()
        #expect(named.draft.name == "Ada King" && named.changed == [.name])
    }

    @Test("values pass the import's checks; clearing a required field is refused, an optional one is not")
    func refuses() throws {
        guard case .failure(let bad) = editor.apply([(.phone, "415-555-2671 (cell)"), (.custom("seats"), "1,200")], to: ada) else {
            Issue.record("a labelled phone and a formatted number are refused")
            return
        }
        #expect(Set(bad.problems.map(\.code)) == ["phone_trailing_words", "custom_not_a_number"])
        guard case .failure(let cleared) = editor.apply([(.custom("renewal"), "")], to: ada) else {
            Issue.record("a required custom field cannot be cleared")
            return
        }
        #expect(cleared.problems.map(\.code) == ["required_missing"] && cleared.problems.first?.column == "renewal")
        let optional = try editor.apply([(.email, ""), (.custom("seats"), "")], to: ada).get()
        #expect(optional.draft.emails.isEmpty && optional.draft.custom.map(\.key) == ["renewal"] && optional.changed == [.emails, .customFields])
    }

    @Test("half a name is refused; custom fields the workspace no longer defines are kept")
    func halfNameAndOldFields() throws {
        guard case .failure(let half) = editor.apply([(.lastName, "King")], to: ada) else {
            Issue.record("a last name alone would replace the whole name")
            return
        }
        #expect(half.problems.map(\.code) == ["name_partial"])
        var legacy = ada
        legacy.custom.append((key: "legacy_id", value: "L-7"))
        let edit = try editor.apply([(.custom("seats"), "20")], to: legacy).get()
        #expect(edit.draft.custom.map(\.key) == ["seats", "renewal", "legacy_id"] && edit.draft.custom.last?.value == "L-7")
        var row = ContactDraft()
        row.company = "Initech"
        #expect(editor.update(legacy, from: row).changed == [.company], "an update leaves an undefined field alone")
    }

    @Test("an import row updates a contact: its values replace, its phones and emails add, its blanks clear nothing")
    func update() throws {
        var row = ContactDraft()
        row.company = "Initech"
        row.emails = [try EmailAddress.parse("ADA@example.com").get(), try EmailAddress.parse("a.king@example.com").get()]
        let update = editor.update(ada, from: row)
        #expect(update.draft.name == "Ada" && update.draft.company == "Initech" && update.draft.phones.count == 1)
        #expect(update.draft.emails.map(\.address) == ["ada@example.com", "a.king@example.com"], "the same address in another case is not added")
        #expect(update.changed == [.emails, .company])
    }

    @Test("ContactEdited replaces only the groups it names")
    func applyEdited() {
        var created = Callstack_V1_ContactCreated()
        created.company = "Acme"
        created.source = "list"
        created.name.box = Data([1, 2, 3])
        var edited = Callstack_V1_ContactEdited()
        edited.changed = ["company", "name", "from_a_later_contract"]
        edited.company = "Initech"
        ContactGroup.apply(edited, to: &created)
        #expect(created.company == "Initech" && created.source == "list" && created.name.box.isEmpty)
        let back = ContactGroup.edit(setting: ["source"], from: created)
        #expect(back.changed == ["source"] && back.source == "list" && back.company.isEmpty)
    }
}
