/// The parts of a contact an edit replaces as a whole: the names `ContactEdited.changed` holds.
/// A phone's time zone belongs to ``phones``; a custom field to ``customFields``.
public enum ContactGroup: String, Sendable, CaseIterable, Comparable {
    case name, title, phones, emails, company, notes
    case customFields = "custom_fields"
    case source

    public static func < (lhs: ContactGroup, rhs: ContactGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Replaces, in the contact as `created` holds it, every group `edited` changes: the one rule
    /// by which deciders and projections see a contact's current fields. Names it does not know
    /// (from a later contract) are skipped.
    public static func apply(_ edited: Callstack_V1_ContactEdited, to created: inout Callstack_V1_ContactCreated) {
        for name in edited.changed {
            switch ContactGroup(rawValue: name) {
            case .name: created.name = edited.name
            case .title: created.title = edited.title
            case .phones: created.phones = edited.phones
            case .emails: created.emails = edited.emails
            case .company: created.company = edited.company
            case .notes: created.notes = edited.notes
            case .customFields: created.customFields = edited.customFields
            case .source: created.source = edited.source
            case nil: continue
            }
        }
    }

    /// The edit that sets `groups` to their values in `created`, the others left out: how an edit
    /// is built from the sealed card, and how an undone UPDATE import puts a contact's fields back,
    /// moving the sealed values as they are (they open wherever they sit in the same field).
    public static func edit(setting groups: [String], from created: Callstack_V1_ContactCreated) -> Callstack_V1_ContactEdited {
        var edit = Callstack_V1_ContactEdited()
        edit.contactID = created.contactID
        edit.changed = groups
        edit.name = created.name
        edit.title = created.title
        edit.phones = created.phones
        edit.emails = created.emails
        edit.company = created.company
        edit.notes = created.notes
        edit.customFields = created.customFields
        edit.source = created.source
        let kept = Set(groups)
        if !kept.contains(name.rawValue) { edit.clearName() }
        if !kept.contains(title.rawValue) { edit.clearTitle() }
        if !kept.contains(phones.rawValue) { edit.phones = [] }
        if !kept.contains(emails.rawValue) { edit.emails = [] }
        if !kept.contains(company.rawValue) { edit.company = "" }
        if !kept.contains(notes.rawValue) { edit.clearNotes() }
        if !kept.contains(customFields.rawValue) { edit.customFields = [] }
        if !kept.contains(source.rawValue) { edit.source = "" }
        return edit
    }
}
