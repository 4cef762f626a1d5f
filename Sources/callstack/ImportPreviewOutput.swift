import ContactImport
import Foundation

/// How `callstack import preview` prints a preview: text for people, or one JSON object.
enum ImportPreviewOutput {
    static func text(_ preview: ImportPreview) -> String {
        let separator = preview.delimiter == 9 ? "tab" : String(UnicodeScalar(preview.delimiter))
        var lines = ["encoding \(preview.encoding.rawValue), separator \(separator)", "columns:"]
        for column in preview.columns {
            let problems = column.problems.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("  \(column.index + 1). \(column.header) → \(column.field) (\(column.reason.rawValue))"
                + (column.samples.isEmpty ? "" : "  e.g. \(column.samples.prefix(3).joined(separator: " | "))")
                + (problems.isEmpty ? "" : "  problems: \(problems)"))
        }
        let counts = preview.counts
        lines.append("rows \(counts.rows): accepted \(counts.accepted), rejected \(counts.rejected)")
        lines.append("duplicates in the file \(counts.duplicatesInFile), in the workspace \(counts.duplicatesInWorkspace); suppressed \(counts.suppressed)")
        for (title, table) in [("rejected by reason", counts.rejectedByReason), ("warnings", counts.warnings)] where !table.isEmpty {
            lines.append(title + ":")
            for (code, rows) in table.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { lines.append("  \(code)  \(rows)") }
        }
        lines.append("first rows:")
        for verdict in preview.firstRows {
            let summary = verdict.check.draft.map { [$0.name] + $0.phones.map(\.e164) + $0.emails.map(\.address) }?.joined(separator: "  ") ?? ""
            let reasons = verdict.problems.map(\.description).joined(separator: "; ")
            lines.append("  line \(verdict.check.line)  \(verdict.isAccepted ? "accepted  " + summary : "rejected  " + reasons)"
                + (verdict.existingContacts.isEmpty ? "" : "  (existing: \(verdict.existingContacts.joined(separator: ", ")))"))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ preview: ImportPreview) throws -> String {
        let counts = preview.counts
        let object: [String: Any] = [
            "encoding": preview.encoding.rawValue,
            "delimiter": String(UnicodeScalar(preview.delimiter)),
            "columns": preview.columns.map { column -> [String: Any] in
                ["index": column.index, "header": column.header, "field": column.field.description, "reason": column.reason.rawValue,
                 "samples": column.samples, "problems": column.problems]
            },
            "counts": [
                "rows": counts.rows, "accepted": counts.accepted, "rejected": counts.rejected, "rejected_by_reason": counts.rejectedByReason,
                "warnings": counts.warnings, "duplicates_in_file": counts.duplicatesInFile,
                "duplicates_in_workspace": counts.duplicatesInWorkspace, "suppressed": counts.suppressed,
            ],
            "first_rows": preview.firstRows.map { verdict -> [String: Any] in
                ["line": verdict.check.line, "accepted": verdict.isAccepted,
                 "problems": verdict.problems.map { ["code": $0.code, "column": $0.column ?? "", "message": $0.message] },
                 "warnings": verdict.check.warnings.map { ["code": $0.code, "column": $0.column ?? "", "message": $0.message] },
                 "phones": verdict.check.draft?.phones.map(\.e164) ?? [], "existing_contacts": verdict.existingContacts,
                 "suppressed_by": verdict.suppressedBy ?? ""]
            },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
