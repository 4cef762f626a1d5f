import CallStack
import CallStackDomain
import CallStackEvents
import ContactImport
import EventLog
import Foundation
import LogBench
import PersonalData
import SwiftProtobuf

/// The end-to-end import measurement: a workspace is filled with `existing` contacts by one
/// import, then a second file of `rows` rows (a tenth of them duplicates of existing contacts) is
/// committed into it; rows a second of that second import, and the process's peak resident memory.
public struct ImportCommitBench: Sendable {
    public struct Report: Codable, Sendable {
        public var rows: Int
        public var existing_contacts: Int
        public var rows_per_second: Double
        /// The first import's rate (into an empty workspace), for comparison.
        public var seed_rows_per_second: Double
        public var created: Int
        public var skipped_duplicates: Int
        public var rejected: Int
        public var peak_rss_bytes: Int
        public var goal_rows_per_second: Double = 100_000
        public var goal_peak_rss_bytes: Int = 1 << 30
    }

    public let rows: Int
    public let existing: Int
    public let directory: String

    public init(rows: Int, existing: Int, directory: String) {
        self.rows = rows
        self.existing = existing
        self.directory = directory
    }

    public func run(progress: (String) -> Void) async throws -> Report {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = directory + "/store"
        let engine = try Engine.open(at: store, keySource: .seeded(7), durability: .relaxed)
        defer { engine.close() }
        try await prepare(engine)
        let seedFile = directory + "/seed.csv", importFile = directory + "/import.csv"
        progress("writing \(existing) + \(rows) rows")
        try Self.write(rows: existing, from: 0, to: seedFile)
        try Self.write(rows: rows, from: existing - existing / 10, to: importFile)
        let now = BusinessTime(micros: 1_800_000_000_000_000)
        progress("seeding \(existing) contacts")
        var started = ContinuousClock.now
        _ = try await engine.commitImport(file: seedFile, importID: "seed", campaign: "bench", as: "ada", at: now)
        let seedRate = Double(existing) / (ContinuousClock.now - started).seconds
        progress("importing \(rows) rows")
        started = ContinuousClock.now
        let result = try await engine.commitImport(file: importFile, importID: "measured", campaign: "bench", as: "ada", at: now)
        let rate = Double(rows) / (ContinuousClock.now - started).seconds
        return Report(
            rows: rows, existing_contacts: existing, rows_per_second: rate, seed_rows_per_second: seedRate, created: result.created,
            skipped_duplicates: result.skippedDuplicates, rejected: result.rejected, peak_rss_bytes: Self.peakResidentBytes())
    }

    private func prepare(_ engine: Engine) async throws {
        let now = BusinessTime(micros: 1_800_000_000_000_000)
        let commands: [(String, Callstack_V1_CommandEnvelope.OneOf_Command)] = [
            ("boot", .createWorkspace(.with { $0.workspaceID = "bench"; $0.name = "Bench"; $0.adminMemberID = "ada"; $0.adminDisplayName = "Ada" })),
            ("settings", .changeWorkspaceSettings(.with {
                $0.settings.importDefaults = .with { $0.defaultPhoneRegion = "GB"; $0.requiredFields = ["phone"]; $0.duplicatePolicy = .skip }
                $0.updateMask = .init(protoPaths: ["import_defaults"])
            })),
            ("client", .addClient(.with { $0.clientID = "acme"; $0.name = "Acme" })),
            ("campaign", .createCampaign(.with { $0.campaignID = "bench"; $0.clientID = "acme"; $0.name = "Bench" })),
        ]
        for (id, command) in commands {
            guard case .accepted = try await engine.handle(command, id: id, by: "ada", at: now) else { throw CocoaError(.featureUnsupported) }
        }
    }

    /// Contacts `first..<first+rows`: a name, a UK mobile and an email unique to the index (up to
    /// ten million), a company.
    static func write(rows: Int, from first: Int, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var block = "Name,Mobile,Email,Company\r\n"
        for index in first..<(first + rows) {
            // 0740d dddddd: a UK mobile unique to the index for up to ten million rows.
            block += "Contact \(index),0740\(index / 1_000_000 % 10) \(String(format: "%06d", index % 1_000_000)),c\(index)@example.com,Acme \(index % 500)\r\n"
            if block.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try handle.write(contentsOf: Data(block.utf8))
    }

    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1_024
    }
}
