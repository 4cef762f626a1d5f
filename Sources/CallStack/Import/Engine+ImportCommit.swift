public import CallStackDomain
import CallStackEvents
public import ContactImport
import Crypto
import EventLog
import EventSourcing
import Foundation
import PersonalData
import SwiftProtobuf

extension Engine {
    /// Imports the CSV file at `path` into campaign `campaignID` as import `importID`: every row
    /// judged as ``previewImport(file:campaign:as:at:mapping:options:sampleRows:progress:rejected:)``
    /// judges it; accepted rows create contacts (personal fields sealed under each contact's key,
    /// phone and email remembered as keyed hashes) enrolled with the workspace's default call
    /// status, or, for a workspace duplicate, follow the import defaults' duplicate policy (SKIP,
    /// ENROL, UPDATE, CREATE). Each batch of `batchRows` rows is one atomic
    /// append: its contacts, its enrolments and the import's record of the batch.
    ///
    /// Running the same import id again resumes it after the last recorded batch, for the same
    /// file and mapping only; contact ids (`<importID>.<line>`) and event ids derive from the
    /// import id and the line, so nothing is created twice. A committed import answers with its
    /// counts and does nothing.
    ///
    /// - Throws: ``DomainRejection`` (permission, campaign, import id, another file under the same
    ///   id); ``CSVError``; store errors.
    public func commitImport(
        file path: String, importID: String, campaign campaignID: String, as member: String, at time: BusinessTime,
        mapping: [ContactField]? = nil, options: CSVOptions = CSVOptions(), batchRows: Int = 1_000, progress: ((Int) -> Void)? = nil,
        rejected: ((CSVRecord, [RowProblem]) throws -> Void)? = nil
    ) async throws -> ImportCommitResult {
        guard !importID.isEmpty, importID.count <= 100, importID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw DomainRejection.invalidCommand("import id must be 1 to 100 letters, digits, '-' or '_'")
        }
        let (previewer, campaign, settings) = try importPreviewer(campaign: campaignID, as: member, at: time, ownImport: importID)
        let stream = "import-" + importID
        var progressState = ImportProgress(try StreamHistory(of: stream, in: log, registry: registry), importID: importID)
        // A resume keeps what the import started with: its policy, default status and mapping.
        let policy = progressState.started?.duplicatePolicy ?? settings.importDefaults.duplicatePolicy
        let defaultCallStatus = progressState.started.map(\.defaultCallStatus) ?? previewer.rules.defaultCallStatus
        let mapping = mapping ?? progressState.started.map { $0.fields.compactMap(ContactField.init) }
        let (bytes, digest) = try Self.scanImportFile(path, options: options)
        if let started = progressState.started, started.fileSha256 != digest || started.campaignID != campaign.campaignID {
            throw DomainRejection.invalidCommand("import \(importID) was started with another file, mapping or campaign")
        }
        if progressState.undone { throw DomainRejection.invalidCommand("import \(importID) was undone: import the file under a new id") }
        let rules = try Self.rulesDigest(settings, campaign.brief)
        if let started = progressState.started, !started.rulesSha256.isEmpty, started.rulesSha256 != rules, !progressState.committed {
            throw DomainRejection.invalidCommand(
                "the workspace's import rules (defaults, custom fields, sources) or the campaign's source controls changed since import \(importID) started: its rows would be judged differently; undo it and import the file under a new id")
        }
        if progressState.committed {
            var result = progressState.result
            result.alreadyCommitted = true
            return result
        }
        let recorder = ImportRecorder(
            engine: self, importID: importID, campaignID: campaign.campaignID, member: member, time: time, rules: previewer.rules,
            policy: policy == .unspecified ? .skip : policy, defaultCallStatus: defaultCallStatus, version: progressState.version,
            enrolledExisting: progressState.enrolledExisting)
        if progressState.lastLine > 0 || progressState.started != nil { progressState.result.resumedAfterLine = progressState.lastLine }
        // A crash after a batch's append and before its keyed hashes: the updated contacts' hashes
        // are brought in line again (the created contacts' are remembered again as their rows pass).
        for contactID in progressState.updatedContacts.sorted() { try reconcileLookups(of: contactID) }
        let reader = try CSVReader(path: path, options: options)
        let judge = try previewer.judging(reader, mapping: mapping)
        let fields = judge.fields.map(\.description)
        try Self.refuseDataAsHeader(judge.header)
        if let started = progressState.started {
            // File and campaign were checked above; the mapping can only be checked now.
            guard started.fields == fields else { throw DomainRejection.invalidCommand("import \(importID) was started with another file, mapping or campaign") }
        } else {
            try await recorder.start(
                fileName: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes, digest: digest, headers: judge.header.fields, fields: fields,
                rules: rules)
        }
        try rejected?(judge.header, [])
        try await recordRows(
            judge, reader: reader, recorder: recorder, state: &progressState, batchRows: max(batchRows, 1), progress: progress, rejected: rejected)
        try await recorder.commit(progressState.result)
        return progressState.result
    }

    /// Judges the rows after the last one recorded and has `recorder` record them a batch at a
    /// time, judging the next batch while the last is recorded (on another thread: the recorder is
    /// an actor). Rows an earlier run created get their keyed hashes remembered again. A failure
    /// waits for the batch in flight to land before it leaves, so a resume starts after it.
    private func recordRows(
        _ judge: RowJudge, reader: CSVReader, recorder: ImportRecorder, state: inout ImportProgress, batchRows: Int,
        progress: ((Int) -> Void)?, rejected: ((CSVRecord, [RowProblem]) throws -> Void)?
    ) async throws {
        var batch: [RowVerdict] = []
        var recordedBefore: [(line: Int, draft: ContactDraft)] = []
        var inFlight: Task<[Callstack_V1_ImportRowOutcome], any Error>?
        do {
            while let (record, verdict) = try judge.next() {
                guard record.line > state.lastLine else {
                    if state.createdLines.contains(record.line), let draft = verdict.check.draft { recordedBefore.append((record.line, draft)) }
                    continue
                }
                if !recordedBefore.isEmpty {
                    try await recorder.rememberAgain(recordedBefore)
                    recordedBefore.removeAll()
                }
                if !verdict.isAccepted { try rejected?(record, verdict.problems) }
                batch.append(verdict)
                guard batch.count >= batchRows else { continue }
                if let landing = inFlight { for outcome in try await landing.value { state.count(outcome) } }
                let sending = batch
                inFlight = Task { try await recorder.record(sending) }
                batch.removeAll(keepingCapacity: true)
                progress?(reader.bytesRead)
                if Self.residentFileBytes() > Self.residentFileBudget { try releaseResidentPages() }
            }
            if let landing = inFlight { for outcome in try await landing.value { state.count(outcome) } }
            inFlight = nil
            if !recordedBefore.isEmpty { try await recorder.rememberAgain(recordedBefore) }
            if !batch.isEmpty {
                for outcome in try await recorder.record(batch) { state.count(outcome) }
                progress?(reader.bytesRead)
            }
        } catch {
            _ = try? await inFlight?.value
            throw error
        }
    }

    /// The SHA-256 (hex) of what an import checks rows by: the workspace's import defaults (but its
    /// duplicate policy and default status), custom fields and source options, and the campaign's
    /// source controls, each serialized deterministically.
    static func rulesDigest(_ settings: Callstack_V1_WorkspaceSettings, _ brief: Callstack_V1_CampaignBrief) throws -> String {
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        var hasher = SHA256()
        // The policy and the default status are left out: a resume keeps the ones it started with.
        var defaults = settings.importDefaults
        defaults.duplicatePolicy = .unspecified
        defaults.defaultCallStatus = ""
        let groups: [[any SwiftProtobuf.Message]] = [[defaults], settings.customFields, settings.sourceOptions, brief.audience.sourceControls]
        func length(_ count: Int) -> [UInt8] { withUnsafeBytes(of: UInt64(count).bigEndian) { Array($0) } }
        for group in groups {
            hasher.update(data: length(group.count))
            for part in group {
                let bytes: [UInt8] = try part.serializedBytes(options: options)
                hasher.update(data: length(bytes.count) + bytes)
            }
        }
        return Hex.lowercase(hasher.finalize())
    }

    /// How much of the stores' mapped pages an import lets count as resident before it lets go of
    /// them (``releaseResidentPages()``): they come back on the next read, from the page cache.
    static let residentFileBudget = 256 << 20

    /// The process's resident file-backed and shared memory (`/proc/self/statm`'s third field):
    /// mostly the stores' mapped pages. Zero where there is no `/proc`.
    static func residentFileBytes() -> Int {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .ascii) else { return 0 }
        let fields = statm.split(separator: " ")
        guard fields.count > 2, let pages = Int(fields[2]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Lets the process's resident set go of the log's and the key store's mapped pages: an import
    /// of millions of rows touches most of both, and they would otherwise all count as resident.
    /// The pages stay in the kernel's page cache.
    public func releaseResidentPages() throws {
        try log.releaseResidentPages()
        try keys.releaseResidentPages()
    }

    /// Reads the whole file once, before anything is written: its size and SHA-256 (lowercase hex),
    /// by which an import knows its file, and every record, so that bytes the CSV reader refuses
    /// (late in the file) fail the import before its first batch, not after it.
    public static func scanImportFile(_ path: String, options: CSVOptions = CSVOptions()) throws -> (bytes: UInt64, sha256: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError.unreadable("cannot open \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: UInt64 = 0
        let reader = try CSVReader(options: options) {
            guard let data = try handle.read(upToCount: options.chunkBytes), !data.isEmpty else { return nil }
            hasher.update(data: data)
            bytes += UInt64(data.count)
            return [UInt8](data)
        }
        while try reader.next() != nil {}
        return (bytes, Hex.lowercase(hasher.finalize()))
    }

    /// A first row with a phone number or an email in it is data, not headers: recording it as the
    /// import's headers would put personal data in the log in plaintext.
    static func refuseDataAsHeader(_ header: CSVRecord) throws {
        let phones = PhoneNumberParser()
        for cell in header.fields {
            let digits = cell.count { $0.isASCII && $0.isNumber }
            if digits >= 7 || (try? EmailAddress.parse(cell).get()) != nil || (digits >= 3 && (try? phones.parse(cell, defaultRegion: nil).get()) != nil) {
                throw DomainRejection.invalidCommand("the first row holds \(digits >= 3 ? "a phone number" : "an email address"), not a header: the file needs a header row")
            }
        }
    }
}
