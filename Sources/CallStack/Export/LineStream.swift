import Foundation

/// Reads a file one line at a time in 1 MiB chunks, so an export of any size restores in
/// constant memory.
struct LineStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var exhausted = false
    /// Bytes consumed so far, for progress.
    private(set) var bytesRead = 0

    init(path: String) throws(ExportError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .io("cannot read \(path)") }
        self.handle = handle
    }

    /// The next line without its line break; nil at the end of the file.
    mutating func next() throws(ExportError) -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { start = newline + 1 }
                bytesRead += newline + 1 - start
                return String(decoding: buffer[start..<newline], as: UTF8.self)
            }
            if exhausted {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                bytesRead += buffer.count - start
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            buffer.removeFirst(start)
            start = 0
            do {
                let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                if chunk.isEmpty { exhausted = true } else { buffer.append(contentsOf: chunk) }
            } catch {
                throw .io("reading the export failed: \(error.localizedDescription)")
            }
        }
    }
}
