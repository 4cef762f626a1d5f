import ContactImport
import Foundation
import LogBench

/// Reading rates of ``ContactImport/CSVReader`` beside yaslab/CSV.swift (the Swift CSV package this
/// machine carries), side by side on one generated file of contact rows, in alternating rounds;
/// figures are medians. The measurement behind writing our own reader.
public struct CSVBench: Sendable {
    /// What one run measured. Field names are the JSON keys.
    public struct Report: Codable, Sendable {
        public var rows: Int
        public var file_bytes: Int
        public var rounds: Int
        /// CSVReader, rows a second.
        public var callstack_rows_per_second: Double
        /// CSV.swift (`CSVReader(stream:)`), rows a second.
        public var csv_swift_rows_per_second: Double
        public var ratio_vs_csv_swift: Double
        /// PhoneNumberParser on a mix of national, international and refused values, a second.
        public var phones_per_second: Double
        /// Fields read, equal for both readers (they read the same rows).
        public var fields: Int
        public var csv_swift_fields: Int
    }

    public let rows: Int
    public let rounds: Int
    public let directory: String

    public init(rows: Int, rounds: Int, directory: String) {
        self.rows = rows
        self.rounds = rounds
        self.directory = directory
    }

    public func run(progress: (String) -> Void) throws -> Report {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/contacts.csv"
        progress("writing \(rows) rows")
        try Self.writeSample(rows: rows, to: path)
        var ours: [Double] = [], theirs: [Double] = []
        var fields = 0, theirFields = 0
        for round in 1...rounds {
            progress("round \(round) of \(rounds)")
            let started = ContinuousClock.now
            fields = try Self.readOurs(path)
            ours.append(Double(rows + 1) / (ContinuousClock.now - started).seconds)
            let again = ContinuousClock.now
            theirFields = try CSVSwiftBaseline.read(path)
            theirs.append(Double(rows + 1) / (ContinuousClock.now - again).seconds)
        }
        progress("parsing phones")
        let phones = Self.phoneRate(count: min(rows, 500_000))
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let mine = median(ours), other = median(theirs)
        return Report(
            rows: rows, file_bytes: size, rounds: rounds, callstack_rows_per_second: mine, csv_swift_rows_per_second: other,
            ratio_vs_csv_swift: mine / other, phones_per_second: phones, fields: fields, csv_swift_fields: theirFields)
    }

    /// Phone values a second: national and international forms of several countries, and some the
    /// strict rules refuse.
    static func phoneRate(count: Int) -> Double {
        let parser = PhoneNumberParser()
        let samples = [
            "020 7946 0123", "+44 7400 123456", "(415) 555-2671", "+1 212 555 0100", "+33 1 42 68 53 00", "06 12 34 56 78",
            "+49 30 901820", "0911 12345678", "=+14155552671", "4155552671.0", "+61 2 9876 5432", "112",
        ]
        let regions = ["GB", "GB", "US", "US", "FR", "FR", "DE", "DE", "US", "US", "AU", "DE"]
        var accepted = 0
        let started = ContinuousClock.now
        for index in 0..<count {
            if case .success = parser.parse(samples[index % samples.count], defaultRegion: regions[index % regions.count]) { accepted += 1 }
        }
        let seconds = (ContinuousClock.now - started).seconds
        return accepted > 0 ? Double(count) / seconds : 0
    }

    static func readOurs(_ path: String) throws -> Int {
        let reader = try CSVReader(path: path, options: CSVOptions(delimiter: UInt8(ascii: ",")))
        var fields = 0
        while let record = try reader.next() { fields += record.fields.count }
        return fields
    }

    /// Rows like a real export: a name, a phone, an email, a company, a quoted note with a comma
    /// (every tenth one with a line end and a doubled quote), a source.
    static func writeSample(rows: Int, to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var block = "name,phone,email,company,notes,source\r\n"
        for row in 0..<rows {
            let note = row % 10 == 0 ? "\"Called twice,\r\nsaid \"\"later\"\"\"" : "\"Prefers mornings, ask for ext. \(row % 100)\""
            block += "Contact \(row),+44 20 7946 \(String(format: "%04d", row % 10_000)),c\(row)@example.com,Acme \(row % 500) Ltd,\(note),list\r\n"
            if block.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try handle.write(contentsOf: Data(block.utf8))
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}
