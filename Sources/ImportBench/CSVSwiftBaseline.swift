import CSV
import Foundation

/// yaslab/CSV.swift reading a file, for comparison (in a file of its own: its `CSVReader` shares
/// our reader's name).
enum CSVSwiftBaseline {
    /// Reads every row of the file at `path`; returns how many fields it saw.
    static func read(_ path: String) throws -> Int {
        guard let stream = InputStream(fileAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
        let reader = try CSVReader(stream: stream)
        var fields = 0
        while let row = reader.next() { fields += row.count }
        // It reports the end of the stream as `cannotReadFile`; anything else is a real error.
        if let error = reader.error, !(error is CSVError && "\(error)" == "cannotReadFile") { throw error }
        return fields
    }
}
