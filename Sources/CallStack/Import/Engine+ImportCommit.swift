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
    /// ENROL, CREATE; UPDATE is not supported yet). Each batch of `batchRows` rows is one atomic
    /// append: its contacts, its enrolments and the import's record of the batch.
    ///
    /// Running the same import id again resumes it after the last recorded batch, for the same
    /// file and mapping only; contact ids (`<importID>.<line>`) and event ids derive from the
    /// import id and the line, so nothing is created twice. A committed import answers with its
    /// counts and does nothing.
    ///
    /// - Throws: ``DomainRejection`` (permission, campaign, import id, another file under the same
    ///   id, UPDATE policy); ``CSVError``; store errors.
    public func commitImport(
        file path: String, importID: String, campaign campaignID: String, as member: String, at time: BusinessTime,
        mapping: [ContactField]? = nil, options: CSVOptions = CSVOptions(), batchRows: Int = 500, progress: ((Int) -> Void)? = nil,
        rejected: ((CSVRecord, [RowProblem]) throws -> Void)? = nil
    ) async throws -> ImportCommitResult {
        guard !importID.isEmpty, importID.count <= 100, importID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw DomainRejection.invalidCommand("import id must be 1 to 100 letters, digits, '-' or '_'")
        }
        let (previewer, campaign, settings) = try importPreviewer(campaign: campaignID, as: member, at: time, ownImport: importID)
        let policy = settings.importDefaults.duplicatePolicy
        guard policy != .update else { throw DomainRejection.invalidCommand("duplicate policy UPDATE is not supported yet: use SKIP, ENROL or CREATE") }
        let stream = "import-" + importID
        var progressState = ImportProgress(try StreamHistory(of: stream, in: log, registry: registry), importID: importID)
        let (bytes, digest) = try Self.fileDigest(path)
        if let started = progressState.started, started.fileSha256 != digest || started.campaignID != campaign.campaignID {
            throw DomainRejection.invalidCommand("import \(importID) was started with another file, mapping or campaign")
        }
        if progressState.undone { throw DomainRejection.invalidCommand("import \(importID) was undone: import the file under a new id") }
        if progressState.committed {
            var result = progressState.result
            result.alreadyCommitted = true
            return result
        }
        var recorder = ImportRecorder(
            engine: self, importID: importID, campaignID: campaign.campaignID, member: member, time: time, rules: previewer.rules,
            policy: policy == .unspecified ? .skip : policy, defaultCallStatus: previewer.rules.defaultCallStatus, version: progressState.version)
        if progressState.lastLine > 0 || progressState.started != nil { progressState.result.resumedAfterLine = progressState.lastLine }
        let reader = try CSVReader(path: path, options: options)
        let judge = try previewer.judging(reader, mapping: mapping)
        let fields = judge.fields.map(\.description)
        if let started = progressState.started {
            guard started.fileSha256 == digest, started.fields == fields, started.campaignID == campaign.campaignID else {
                throw DomainRejection.invalidCommand("import \(importID) was started with another file, mapping or campaign")
            }
        } else {
            try await recorder.start(
                fileName: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes, digest: digest, headers: judge.header.fields, fields: fields)
        }
        try rejected?(judge.header, [])
        var batch: [(CSVRecord, RowVerdict)] = []
        while let (record, verdict) = try judge.next() {
            guard record.line > progressState.lastLine else { continue }
            if !verdict.isAccepted { try rejected?(record, verdict.problems) }
            batch.append((record, verdict))
            if batch.count >= max(batchRows, 1) {
                for outcome in try await recorder.record(batch.map(\.1)) { progressState.count(outcome) }
                batch.removeAll(keepingCapacity: true)
                progress?(reader.bytesRead)
            }
        }
        if !batch.isEmpty {
            for outcome in try await recorder.record(batch.map(\.1)) { progressState.count(outcome) }
            progress?(reader.bytesRead)
        }
        try await recorder.commit(progressState.result)
        return progressState.result
    }

    /// The size and SHA-256 (lowercase hex) of the file at `path`, read a block at a time: how an
    /// import identifies its file.
    public static func fileDigest(_ path: String) throws -> (UInt64, String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CSVError.unreadable("cannot open \(path)") }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: UInt64 = 0
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            hasher.update(data: data)
            bytes += UInt64(data.count)
        }
        return (bytes, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}

extension ImportPreviewer {
    /// The fields suggested for `headers` (remembered, synonyms, custom fields).
    func suggestedFields(_ headers: [String]) -> [ContactField] {
        MappingSuggester().suggest(headers: headers, customFields: customFields, remembered: remembered).map(\.field)
    }
}
