import CallStackEvents
public import EventLog
public import Foundation

/// Writes a log as JSON lines (``ExportLine``): what `callstack export` prints.
public enum StoreExport {
    /// Writes every event from position 1 up to `until` (inclusive) to `output`, and returns how
    /// many. `progress` gets the position reached and `until` after each batch.
    @discardableResult
    public static func export(
        _ log: EventLog, until: UInt64, to output: FileHandle, progress: (UInt64, UInt64) -> Void = { _, _ in }
    ) throws -> Int {
        var next: UInt64 = 1
        var written = 0
        while next <= until {
            let events = try log.read(from: next, limit: Int(min(UInt64(EventLog.defaultBatchSize), until - next + 1)))
            guard let last = events.last else { break }
            var chunk = ""
            for event in events { chunk += ExportLine.encode(event) + "\n" }
            do {
                try output.write(contentsOf: Data(chunk.utf8))
            } catch {
                throw ExportError.io("writing the export failed: \(error.localizedDescription)")
            }
            written += events.count
            next = last.position + 1
            progress(last.position, until)
        }
        return written
    }
}
