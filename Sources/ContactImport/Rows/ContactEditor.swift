public import CallStackEvents

/// Applies an edit to a contact: the new values go through the same ``RowValidator`` an import
/// row does (phones strictly, emails, time zones, custom field types, sources), replace the groups
/// they belong to, and the result is checked for the required fields the edit touches. Pure.
///
/// A value the contact already had and the rules no longer accept (a source archived since, say)
/// does not block an edit of another field: only what the edit names is checked.
public struct ContactEditor: Sendable {
    public let rules: ImportRules

    public init(rules: ImportRules) {
        self.rules = rules
    }

    /// What an edit makes of a contact: the whole contact after it, and the groups that changed
    /// (none when the edit changes nothing).
    public struct Edit: Sendable, Equatable {
        public let draft: ContactDraft
        public let changed: [ContactGroup]
    }

    /// Why an edit was refused: every problem, with its reason code.
    public struct Refusal: Error, Sendable, Equatable {
        public let problems: [RowProblem]
    }

    /// `current` with `values` applied (each field named replaces the contact's value for it;
    /// several phones or emails give several; an empty value clears), or the problems that refuse
    /// the edit, with reason codes as an import gives them.
    public func apply(_ values: [(field: ContactField, value: String)], to current: ContactDraft) -> Result<Edit, Refusal> {
        let named = Set(values.map(\.field))
        guard named.contains(.firstName) == named.contains(.lastName) || named.contains(.name) else {
            return .failure(Refusal(problems: [RowProblem(
                "name_partial", column: "name", "a contact keeps one name: give first_name and last_name together, or name")]))
        }
        let edited = Set(values.map { Self.group(of: $0.field) })
        var relaxed = rules
        relaxed.requiredFields = []
        let validator = RowValidator(rules: relaxed, headers: values.map(\.field.description), mapping: values.map(\.field))
        let check = validator.check(CSVRecord(line: 0, fields: values.map(\.value)))
        guard let partial = check.draft else { return .failure(Refusal(problems: check.problems)) }
        var draft = current
        for group in edited {
            switch group {
            case .name: draft.name = partial.name
            case .title: draft.title = partial.title
            case .phones:
                if named.contains(.phone) { draft.phones = partial.phones }
                if named.contains(.timeZone) { draft.timeZone = partial.timeZone }
            case .emails: draft.emails = partial.emails
            case .company: draft.company = partial.company
            case .notes: draft.notes = partial.notes
            case .source: draft.source = partial.source
            case .customFields: draft.custom = mergedCustom(current.custom, partial.custom, keys: Set(named.compactMap(\.customKey)))
            }
        }
        let missing = RowValidator(rules: rules, headers: [], mapping: []).missing(draft).filter { problem in
            edited.contains(Self.group(ofRequirement: problem.column ?? ""))
        }
        guard missing.isEmpty else { return .failure(Refusal(problems: missing)) }
        let changed = edited.filter { Self.differs(current, draft, in: $0) }.sorted()
        return .success(Edit(draft: draft, changed: changed))
    }

    /// An existing contact updated from an import row (duplicate policy UPDATE): the values the
    /// row gives replace the contact's (custom fields key by key), its phones and emails are added
    /// to the contact's, and nothing the row leaves empty is cleared. Both are valid already, and
    /// nothing is removed, so no check is needed.
    public func update(_ current: ContactDraft, from row: ContactDraft) -> Edit {
        var draft = current
        if !row.name.isEmpty { draft.name = row.name }
        if !row.title.isEmpty { draft.title = row.title }
        if !row.company.isEmpty { draft.company = row.company }
        if !row.notes.isEmpty { draft.notes = row.notes }
        if !row.source.isEmpty { draft.source = row.source }
        if !row.timeZone.isEmpty { draft.timeZone = row.timeZone }
        draft.phones += row.phones.filter { phone in !current.phones.contains { $0.e164 == phone.e164 } }
        draft.emails += row.emails.filter { email in !current.emails.contains { $0.comparisonKey == email.comparisonKey } }
        draft.custom = mergedCustom(current.custom, row.custom, keys: Set(row.custom.map(\.key)))
        return Edit(draft: draft, changed: ContactGroup.allCases.filter { Self.differs(current, draft, in: $0) })
    }

    /// The custom fields after an edit: the edited keys take their new value (or go, when
    /// cleared), the others keep theirs; in the workspace's field order, then the contact's values
    /// of fields the workspace no longer defines, kept as they were.
    private func mergedCustom(
        _ current: [(key: String, value: String)], _ new: [(key: String, value: String)], keys: Set<String>
    ) -> [(key: String, value: String)] {
        let defined = rules.customFields.map(\.key)
        let known = defined.compactMap { key in (keys.contains(key) ? new : current).first { $0.key == key } }
        return known + current.filter { !defined.contains($0.key) }
    }

    /// The group a field of an edit (or an import column) belongs to.
    public static func group(of field: ContactField) -> ContactGroup {
        switch field {
        case .name, .firstName, .lastName, .ignored: .name
        case .phone, .timeZone: .phones
        case .email: .emails
        case .company: .company
        case .title: .title
        case .source: .source
        case .notes: .notes
        case .custom: .customFields
        }
    }

    private static func group(ofRequirement name: String) -> ContactGroup {
        switch name {
        case "name": .name
        case "phone": .phones
        case "email": .emails
        case "company": .company
        case "title": .title
        case "source": .source
        default: .customFields
        }
    }

    private static func differs(_ old: ContactDraft, _ new: ContactDraft, in group: ContactGroup) -> Bool {
        switch group {
        case .name: old.name != new.name
        case .title: old.title != new.title
        case .phones: old.phones.map(\.e164) != new.phones.map(\.e164) || old.timeZone != new.timeZone
        case .emails: old.emails.map(\.address) != new.emails.map(\.address)
        case .company: old.company != new.company
        case .notes: old.notes != new.notes
        case .source: old.source != new.source
        case .customFields: old.custom.map(\.key) != new.custom.map(\.key) || old.custom.map(\.value) != new.custom.map(\.value)
        }
    }
}

extension ContactField {
    /// The key of a custom field; nil for the others.
    var customKey: String? {
        if case .custom(let key) = self { key } else { nil }
    }
}
