import CallStack
import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import EventLogTestSupport
import EventSourcing
import Foundation
import PersonalData
import Projections
import SwiftProtobuf
import Testing

@Suite("Import commit", .timeLimit(.minutes(1)))
struct ImportCommitTests {
    let fixture = ImportFixtureTests.folder.appendingPathComponent("excel-semicolons-bom.csv").path

    private func engine(_ store: TemporaryStore, policy: Callstack_V1_DuplicatePolicy = .skip) async throws -> Engine {
        let engine = try Engine.open(at: store.path, keySource: .seeded(61), durability: .unsafeNoSync)
        try await ImportFixtureTests().populate(engine)
        let outcome = try await engine.handle(.changeWorkspaceSettings(.with {
            $0.settings.importDefaults.duplicatePolicy = policy
            $0.updateMask = .init(protoPaths: ["import_defaults.duplicate_policy"])
        }), id: "policy", by: "ada", at: ImportFixtureTests.now)
        guard case .accepted = outcome else { throw DomainRejection.invalidCommand("\(outcome)") }
        return engine
    }

    private func contactStreams(_ engine: Engine, prefix: String) throws -> Int {
        try engine.log.read(from: 1, limit: 10_000).filter { $0.stream.hasPrefix("contact-" + prefix) && $0.type == "ContactCreated" }.count
    }

    /// Commits the fixture as `importID` in batches of three, interrupted at line 10 (after
    /// batches up to line 7 have landed).
    private func interrupt(_ engine: Engine, importID: String) async {
        struct Interrupted: Error {}
        await #expect(throws: Interrupted.self) {
            _ = try await engine.commitImport(
                file: fixture, importID: importID, campaign: "spring", as: "ada", at: ImportFixtureTests.now, batchRows: 3,
                rejected: { record, _ in if record.line == 10 { throw Interrupted() } })
        }
    }

    @Test("accepted rows become sealed contacts enrolled with the default status; rejected and duplicate rows are recorded; a second run does nothing")
    func commit() async throws {
        let store = TemporaryStore("import-commit")
        let engine = try await engine(store)
        defer { engine.close() }
        let result = try await engine.commitImport(file: fixture, importID: "imp1", campaign: "spring", as: "ada", at: ImportFixtureTests.now, batchRows: 4)
        #expect(result.rows == 13 && result.created == 2 && result.skippedDuplicates == 1 && result.rejected == 10 && result.enrolledExisting == 0)
        #expect(try contactStreams(engine, prefix: "imp1.") == 2)
        let jane = try engine.log.read(stream: "contact-imp1.2")
        #expect(jane.map(\.type) == ["ContactCreated", "ContactEnrolled"])
        let enrolled = try Callstack_V1_ContactEnrolled(serializedBytes: jane[1].payload)
        #expect(enrolled.campaignID == "spring" && enrolled.callStatus == "new" && enrolled.importID == "imp1")
        #expect(Data(jane[0].payload).range(of: Data("Jane Doe".utf8)) == nil, "personal fields are sealed")
        let card = try engine.keys.openContact(try Callstack_V1_ContactCreated(serializedBytes: jane[0].payload))
        #expect(card.name == .text("Jane Doe") && card.phones.first?.number == .text("+442079460123") && card.source == "referral")
        #expect(try engine.keys.subjects(with: .phone, "+442079460123").map(\.id) == ["imp1.2"], "the phone is remembered for later duplicates")
        let recorded = try engine.log.read(stream: "import-imp1").map(\.type)
        #expect(recorded == ["ImportStarted", "ImportRowsRecorded", "ImportRowsRecorded", "ImportRowsRecorded", "ImportRowsRecorded", "ImportCommitted"])

        let head = try engine.log.headPosition()
        let again = try await engine.commitImport(file: fixture, importID: "imp1", campaign: "spring", as: "ada", at: ImportFixtureTests.now)
        #expect(again.alreadyCommitted && again.created == 2)
        #expect(try engine.log.headPosition() == head)
    }

    @Test("an interrupted import resumes after its last batch and creates nothing twice; another file under the same id is refused")
    func resume() async throws {
        let store = TemporaryStore("import-commit")
        let engine = try await engine(store)
        defer { engine.close() }
        await interrupt(engine, importID: "imp2")
        let partial = try contactStreams(engine, prefix: "imp2.")
        #expect(partial == 1, "the first batches landed: Jane")
        let resumed = try await engine.commitImport(file: fixture, importID: "imp2", campaign: "spring", as: "ada", at: ImportFixtureTests.now, batchRows: 3)
        #expect(resumed.resumedAfterLine == 7 && resumed.rows == 13 && resumed.created == 2 && resumed.rejected == 10)
        #expect(try contactStreams(engine, prefix: "imp2.") == 2)
        let other = ImportFixtureTests.folder.appendingPathComponent("utf16-tabs.csv").path
        await #expect(throws: DomainRejection.invalidCommand("import imp2 was started with another file, mapping or campaign")) {
            _ = try await engine.commitImport(file: other, importID: "imp2", campaign: "spring", as: "ada", at: ImportFixtureTests.now)
        }
    }

    @Test("with the ENROL policy a workspace duplicate is enrolled, not created")
    func enrolPolicy() async throws {
        let store = TemporaryStore("import-commit")
        let engine = try await engine(store, policy: .enrol)
        defer { engine.close() }
        let result = try await engine.commitImport(file: fixture, importID: "imp3", campaign: "spring", as: "ada", at: ImportFixtureTests.now)
        #expect(result.enrolledExisting == 1 && result.created == 2)
        #expect(try engine.log.read(stream: "contact-existing-1").map(\.type) == ["ContactEnrolled"])
    }
}

extension ImportCommitTests {
    @Test("undo removes the import's enrolments and archives its contacts, except where someone worked them since")
    func undo() async throws {
        let store = TemporaryStore("import-undo")
        let engine = try await engine(store, policy: .enrol)
        defer { engine.close() }
        let now = ImportFixtureTests.now
        let committed = try await engine.commitImport(file: fixture, importID: "imp5", campaign: "spring", as: "ada", at: now)
        #expect(committed.created == 2 && committed.enrolledExisting == 1)
        // Someone calls Kim (line 12) before the undo.
        var dialled = Callstack_V1_CallDialled()
        dialled.contactID = "imp5.12"
        dialled.campaignID = "spring"
        _ = try await engine.log.append(AppendBatch(stream: "contact-imp5.12", expected: .any, events: [
            ProposedEvent(id: .make(), type: "CallDialled", actor: "cal", payload: try dialled.serializedBytes()),
        ]))
        await #expect(throws: DomainRejection.self, "a Caller may not undo an import") { _ = try await engine.undoImport("imp5", as: "cal", at: now) }
        let result = try await engine.undoImport("imp5", as: "ada", at: now)
        #expect(result.unenrolled == 2 && result.archived == 1)
        #expect(result.notUndone.map { "\($0.line) \($0.contactID) \($0.reason)" } == ["12 imp5.12 worked since: CallDialled by cal"])
        #expect(try engine.log.read(stream: "contact-imp5.2").map(\.type) == ["ContactCreated", "ContactEnrolled", "ContactUnenrolled", "ContactArchived"])
        #expect(try engine.log.read(stream: "contact-existing-1").map(\.type) == ["ContactEnrolled", "ContactUnenrolled"], "an existing contact is unenrolled, not archived")
        #expect(try engine.keys.subjects(with: .phone, "+442079460123").isEmpty, "an archived contact no longer counts as a duplicate")
        #expect(try engine.queries(as: "ada").importHistory()["imp5"]?.state == "undone")
        var progress = Projection(CampaignProgressProjector())
        try progress.catchUp(from: engine.log, registry: .callstack)
        #expect(progress.state.campaigns["spring"]?.enrolled == 1, "three enrolments, two undone: Kim, who was called, stays")
        let again = try await engine.undoImport("imp5", as: "ada", at: now)
        #expect(again.alreadyUndone && again.notUndone == result.notUndone && result.notUndoneTotal == 1 && again.notUndoneTotal == 1)
        await #expect(throws: DomainRejection.invalidCommand("import imp5 was undone: import the file under a new id")) {
            _ = try await engine.commitImport(file: fixture, importID: "imp5", campaign: "spring", as: "ada", at: now)
        }
    }
}

extension ImportCommitTests {
    private func file(_ text: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("import-\(UUID().uuidString).csv").path
        try Data(text).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("bad bytes late in a file, and a file without a header row, are refused before anything is written")
    func refusedBeforeWriting() async throws {
        let store = TemporaryStore("import-commit")
        let engine = try await engine(store)
        defer { engine.close() }
        let head = try engine.log.headPosition()
        var bytes = Array("Name,Mobile\r\n".utf8)
        for index in 0..<50 { bytes += Array("P\(index),020 7946 \(String(format: "%04d", 1_000 + index))\r\n".utf8) }
        bytes += [0x42, 0xFF, 0x2C, 0x30, 0x0D, 0x0A]
        let late = try file(bytes)
        await #expect(throws: CSVError.self) {
            _ = try await engine.commitImport(
                file: late, importID: "late", campaign: "spring", as: "ada", at: ImportFixtureTests.now, options: CSVOptions(encoding: .utf8), batchRows: 10)
        }
        let headerless = try file(Array("Jane Doe,020 7946 0123,jane@example.com\r\nBo,020 7946 0124,bo@example.com\r\n".utf8))
        await #expect(throws: DomainRejection.self) {
            _ = try await engine.commitImport(file: headerless, importID: "headerless", campaign: "spring", as: "ada", at: ImportFixtureTests.now)
        }
        #expect(try engine.log.headPosition() == head, "nothing was written")
    }

    @Test("a resume under changed import rules is refused: its remaining rows would be judged differently")
    func resumeUnderOtherRules() async throws {
        let store = TemporaryStore("import-commit")
        let engine = try await engine(store)
        defer { engine.close() }
        await interrupt(engine, importID: "rules")
        _ = try await engine.handle(.changeWorkspaceSettings(.with {
            $0.settings.importDefaults.requiredFields = ["phone", "email"]
            $0.updateMask = .init(protoPaths: ["import_defaults.required_fields"])
        }), id: "stricter", by: "ada", at: ImportFixtureTests.now)
        await #expect(throws: DomainRejection.self) {
            _ = try await engine.commitImport(file: fixture, importID: "rules", campaign: "spring", as: "ada", at: ImportFixtureTests.now, batchRows: 3)
        }
    }

    @Test("with ENROL, two rows matching one existing contact enrol it once")
    func enrolOnce() async throws {
        let store = TemporaryStore("import-commit")
        let engine = try await engine(store, policy: .enrol)
        defer { engine.close() }
        try engine.keys.remember(.email, "x@known.example", for: try DataSubject(.contact, "existing-1"))
        let path = try file(Array("Name,Mobile,Email\r\nA,020 7946 0555,a@example.com\r\nB,020 7946 0556,x@known.example\r\n".utf8))
        let result = try await engine.commitImport(file: path, importID: "twice", campaign: "spring", as: "ada", at: ImportFixtureTests.now)
        #expect(result.enrolledExisting == 1 && result.skippedDuplicates == 1)
        #expect(try engine.log.read(stream: "contact-existing-1").map(\.type) == ["ContactEnrolled"])
    }
}
