import CallStack
import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import EventLogTestSupport
import Foundation
import PersonalData
import SwiftProtobuf
import Testing

/// The messy files of `Fixtures/csv/` previewed into a workspace with settings, a client's
/// suppression list and an existing contact: every row gets its expected verdict.
@Suite("Import preview of the CSV fixtures", .timeLimit(.minutes(1)))
struct ImportFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/csv")
    static let now = BusinessTime(micros: 1_800_000_000_000_000)

    /// Line → "accepted", "accepted existing", or the sorted reason codes, from `<fixture>.expected.txt`.
    static func expected(_ fixture: String) -> [Int: String] {
        let name = fixture.replacingOccurrences(of: ".csv", with: ".expected.txt")
        guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return [:] }
        var table: [Int: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2, let number = Int(parts[0]) { table[number] = parts[1] }
        }
        return table
    }

    private func handle(_ engine: Engine, _ id: String, by member: String = "ada", _ command: Callstack_V1_CommandEnvelope.OneOf_Command) async throws {
        let outcome = try await engine.handle(command, id: id, by: member, at: Self.now)
        guard case .accepted = outcome else { throw DomainRejection.invalidCommand("\(id): \(outcome)") }
    }

    func populate(_ engine: Engine) async throws {
        try await workspace(engine)
    }

    private func workspace(_ engine: Engine) async throws {
        try await handle(engine, "boot", .createWorkspace(.with { $0.workspaceID = "w"; $0.name = "W"; $0.adminMemberID = "ada"; $0.adminDisplayName = "Ada" }))
        try await handle(engine, "cal", .inviteMember(.with { $0.memberID = "cal"; $0.displayName = "Cal"; $0.role = .caller }))
        try await handle(engine, "settings", .changeWorkspaceSettings(.with {
            $0.settings.importDefaults = .with { $0.defaultPhoneRegion = "GB"; $0.defaultCallStatus = "new"; $0.requiredFields = ["phone"] }
            $0.settings.customFields = [.with { $0.key = "industry"; $0.label = "Industry"; $0.type = .choice; $0.choices = ["saas", "retail", "logistics"] }]
            $0.settings.sourceOptions = [.with { $0.sourceID = "referral"; $0.label = "Referral" }, .with { $0.sourceID = "list"; $0.label = "Purchased list" }]
        }))
        try await handle(engine, "acme", .addClient(.with { $0.clientID = "acme"; $0.name = "Acme" }))
        try await handle(engine, "rival", .addSuppressionEntry(.with {
            $0.clientID = "acme"; $0.entryID = "rival"; $0.kind = .emailDomain; $0.value = "initech.example"; $0.reason = "competitor"
        }))
        try await handle(engine, "spring", .createCampaign(.with { $0.campaignID = "spring"; $0.clientID = "acme"; $0.name = "Spring" }))
        let subject = try DataSubject(.contact, "existing-1")
        try engine.keys.remember(.phone, "+442079460555", for: subject)
    }

    private func verdicts(_ preview: ImportPreview) -> [Int: String] {
        var table: [Int: String] = [:]
        for verdict in preview.firstRows {
            table[verdict.check.line] = verdict.isAccepted
                ? (verdict.existingContacts.isEmpty ? "accepted" : "accepted existing")
                : Set(verdict.problems.map(\.code)).sorted().joined(separator: " ")
        }
        return table
    }

    @Test("each fixture's rows get their expected verdicts", arguments: [
        ("excel-semicolons-bom.csv", CSVTextEncoding.utf8), ("utf16-tabs.csv", .utf16LittleEndian), ("windows-1252-international.csv", .windows1252),
    ])
    func fixture(name: String, encoding: CSVTextEncoding) async throws {
        let expected = Self.expected(name)
        let store = TemporaryStore("import-preview")
        let engine = try Engine.open(at: store.path, keySource: .seeded(51), durability: .unsafeNoSync)
        defer { engine.close() }
        try await workspace(engine)
        let head = try engine.log.headPosition()
        var rejectedLines: [Int] = []
        let preview = try engine.previewImport(
            file: Self.folder.appendingPathComponent(name).path, campaign: "spring", as: "ada", at: Self.now, sampleRows: 100,
            rejected: { record, problems in if !problems.isEmpty { rejectedLines.append(record.line) } })
        #expect(rejectedLines == expected.filter { !$0.value.hasPrefix("accepted") }.keys.sorted(), "each rejected row reaches the export, in order")
        #expect(!expected.isEmpty)
        #expect(verdicts(preview) == expected)
        #expect(preview.counts.rows == expected.count)
        #expect(preview.counts.accepted == expected.values.count { $0.hasPrefix("accepted") })
        #expect(preview.encoding == encoding)
        #expect(preview.columns.map(\.field) == [.name, .phone, .email, .company, .custom("industry"), .source])
        #expect(try engine.log.headPosition() == head, "a preview writes nothing")
        guard encoding != .windows1252 else {
            let renee = try #require(preview.firstRows.first { $0.check.line == 2 })
            #expect(renee.check.draft?.name == "Renée Dupont" && renee.check.draft?.company == "Société Générale")
            #expect(preview.firstRows.first { $0.check.line == 8 }?.check.warnings.map(\.code).contains("phone_possible_not_valid") == true)
            return
        }
        #expect(preview.counts.duplicatesInFile == 1 && preview.counts.suppressed == 1 && preview.counts.duplicatesInWorkspace == 1)
        let fay = try #require(preview.firstRows.first { $0.check.line == 7 })
        #expect(fay.check.draft?.name == "Fay, \"the\" Second" && fay.existingContacts == ["existing-1"])
        let kim = try #require(preview.firstRows.first { $0.check.line == 12 })
        #expect(kim.check.draft?.company == "Multi\nline Co" || kim.check.draft?.company == "Multi\r\nline Co")
    }

    @Test("a Caller may not preview an import; an unknown campaign is named")
    func refused() async throws {
        let store = TemporaryStore("import-preview")
        let engine = try Engine.open(at: store.path, keySource: .seeded(52), durability: .unsafeNoSync)
        defer { engine.close() }
        try await workspace(engine)
        let file = Self.folder.appendingPathComponent("excel-semicolons-bom.csv").path
        #expect(throws: DomainRejection.self) { try engine.previewImport(file: file, campaign: "spring", as: "cal", at: Self.now) }
        #expect(throws: DomainRejection.notFound("campaign autumn")) { try engine.previewImport(file: file, campaign: "autumn", as: "ada", at: Self.now) }
    }
}

extension ImportFixtureTests {
    @Test("a saved mapping is offered again for a file with the same headers; a bad one is refused")
    func mappingMemory() async throws {
        let store = TemporaryStore("import-preview")
        let engine = try Engine.open(at: store.path, keySource: .seeded(53), durability: .unsafeNoSync)
        defer { engine.close() }
        try await workspace(engine)
        let headers = ["Full Name", "Mobile", "E-Mail", "Company", "Industry", "Lead Source"]
        let fields = ["name", "phone", "email", "ignored", "custom.industry", "source"]
        try await handle(engine, "remember", by: "ada", .saveImportMapping(.with { $0.headers = headers; $0.fields = fields }))
        let again = try await engine.handle(.saveImportMapping(.with { $0.headers = headers; $0.fields = fields }), id: "remember-2", by: "ada", at: Self.now)
        #expect(again == .accepted(positions: nil, replayed: false), "the same mapping again changes nothing")
        let bad = try await engine.handle(.saveImportMapping(.with { $0.headers = ["A", "B"]; $0.fields = ["phone", "custom.shoe"] }), id: "bad", by: "ada", at: Self.now)
        #expect(bad == .rejected(.invalidCommand("fields[1]: the workspace has no custom field shoe")))
        let preview = try engine.previewImport(
            file: Self.folder.appendingPathComponent("utf16-tabs.csv").path, campaign: "spring", as: "ada", at: Self.now)
        #expect(preview.columns.map(\.field) == [.name, .phone, .email, .ignored, .custom("industry"), .source])
        #expect(preview.columns.allSatisfy { $0.reason == .remembered })
        #expect(try engine.settings().importMappings[ColumnHeader.signature(headers)] == fields)
    }
}
