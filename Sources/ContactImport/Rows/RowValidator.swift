import CallStackEvents
import Foundation

/// Checks each row of a file against the import's rules, with the column mapping chosen: every
/// value through the same rules a contact edit uses (phones strictly, emails, custom field
/// types, sources, required fields). Pure: duplicates and suppression are checked afterwards,
/// against the whole file and the workspace.
public struct RowValidator: Sendable {
    public let rules: ImportRules
    /// Column → field; columns past its end are ignored.
    public let mapping: [ContactField]
    public let headers: [String]
    let phones: PhoneNumberParser

    public init(rules: ImportRules, headers: [String], mapping: [ContactField], phones: PhoneNumberParser = PhoneNumberParser()) {
        self.rules = rules
        self.headers = headers
        self.mapping = mapping
        self.phones = phones
    }

    public func check(_ record: CSVRecord) -> RowCheck {
        var draft = ContactDraft()
        var problems: [RowProblem] = [], warnings: [RowProblem] = []
        var first = "", last = ""
        var custom: [String: String] = [:]
        if record.fields.count > headers.count && record.fields[headers.count...].contains(where: { !$0.isEmpty }) {
            warnings.append(RowProblem("extra_cells", "the row has \(record.fields.count) cells, the header \(headers.count): the extra ones are ignored"))
        }
        /// The required fields whose value was refused: not also "missing", the refusal says what is wrong.
        var refused = Set<String>()
        for (column, field) in mapping.enumerated() {
            let value = column < record.fields.count ? Self.trimmed(record.fields[column]) : ""
            guard !value.isEmpty else { continue }
            let header = column < headers.count ? headers[column] : "column \(column + 1)"
            let problemsBefore = problems.count
            defer { if problems.count > problemsBefore { refused.insert(Self.requirementName(field)) } }
            switch field {
            case .name: draft.name = value
            case .firstName: first = value
            case .lastName: last = value
            case .phone: phone(value, header, &draft, &problems, &warnings)
            case .email:
                switch EmailAddress.parse(value) {
                case .success(let email): draft.emails.append(email)
                case .failure(let rejection): problems.append(RowProblem(rejection.code, column: header, rejection.description))
                }
            case .company: draft.company = value
            case .title: draft.title = value
            case .source: source(value, header, &draft, &problems)
            case .timeZone:
                if TimeZone(identifier: value) == nil {
                    problems.append(RowProblem("time_zone_unknown", column: header, "\(value) is not an IANA time zone"))
                } else {
                    draft.timeZone = value
                }
            case .notes: draft.notes = value
            case .custom(let key): customValue(value, key: key, header, &custom, &problems)
            case .ignored: continue
            }
        }
        if draft.name.isEmpty { draft.name = [first, last].filter { !$0.isEmpty }.joined(separator: " ") }
        draft.custom = rules.customFields.compactMap { field in custom[field.key].map { (field.key, $0) } }
        problems += missing(draft).filter { !refused.contains($0.column ?? "") }
        return RowCheck(line: record.line, draft: problems.isEmpty ? draft : nil, problems: problems, warnings: warnings)
    }

    private func phone(_ value: String, _ header: String, _ draft: inout ContactDraft, _ problems: inout [RowProblem], _ warnings: inout [RowProblem]) {
        switch phones.parse(value, defaultRegion: rules.defaultRegion) {
        case .success(let number):
            guard !draft.phones.contains(where: { $0.e164 == number.e164 }) else { return }
            draft.phones.append(number)
            for warning in number.warnings {
                let message = warning == .possibleButNotValid
                    ? "\(number.e164) has a possible length but matches no number plan of \(number.region)"
                    : "\(number.e164): no country code, read as a number of \(number.region)"
                warnings.append(RowProblem("phone_" + warning.rawValue, column: header, message))
            }
        case .failure(let rejection):
            problems.append(RowProblem(rejection.code, column: header, rejection.description))
        }
    }

    private func source(_ value: String, _ header: String, _ draft: inout ContactDraft, _ problems: inout [RowProblem]) {
        guard !rules.sources.isEmpty else {
            draft.source = value
            return
        }
        guard let id = rules.sources[ColumnHeader.normalized(value)] else {
            problems.append(RowProblem("source_unknown", column: header, "\(value) is not one of the workspace's sources"))
            return
        }
        if rules.blockedSources.contains(id) {
            problems.append(RowProblem("source_blocked", column: header, "the campaign does not take contacts from \(id)"))
        }
        draft.source = id
    }

    private func customValue(_ value: String, key: String, _ header: String, _ custom: inout [String: String], _ problems: inout [RowProblem]) {
        guard let field = rules.customFields.first(where: { $0.key == key }) else {
            problems.append(RowProblem("custom_field_unknown", column: header, "the workspace has no custom field \(key)"))
            return
        }
        switch field.type {
        case .number:
            guard Double(value) != nil, value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else {
                problems.append(RowProblem("custom_not_a_number", column: header, "\(value) is not a number (digits, one point, no separators)"))
                return
            }
            custom[key] = value
        case .date:
            guard ISODate.dayNumber(value) != nil else {
                problems.append(RowProblem("custom_not_a_date", column: header, "\(value) is not a date written YYYY-MM-DD"))
                return
            }
            custom[key] = value
        case .choice:
            guard let choice = field.choices[ColumnHeader.normalized(value)] else {
                problems.append(RowProblem("custom_not_a_choice", column: header, "\(value) is not one of the choices of \(key)"))
                return
            }
            custom[key] = choice
        default:
            custom[key] = value
        }
    }

    /// A `required_missing` problem for each required field `draft` lacks.
    func missing(_ draft: ContactDraft) -> [RowProblem] {
        rules.requiredFields.sorted().compactMap { field in
            let present: Bool = switch field {
            case "name": !draft.name.isEmpty
            case "phone": !draft.phones.isEmpty
            case "email": !draft.emails.isEmpty
            case "company": !draft.company.isEmpty
            case "title": !draft.title.isEmpty
            case "source": !draft.source.isEmpty
            default: draft.custom.contains { $0.key == field }
            }
            return present ? nil : RowProblem("required_missing", column: field, "\(field) is required")
        }
    }

    /// `text` without surrounding white space; the common cell, which has none, is not copied.
    static func trimmed(_ text: String) -> String {
        guard let first = text.first, let last = text.last, first.isWhitespace || last.isWhitespace else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The name a required field goes by in the import defaults.
    static func requirementName(_ field: ContactField) -> String {
        switch field {
        case .name, .firstName, .lastName: "name"
        case .custom(let key): key
        default: field.description
        }
    }
}
