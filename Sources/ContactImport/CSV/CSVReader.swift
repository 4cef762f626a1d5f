import Foundation

/// Reads CSV a record at a time, streaming: RFC 4180 and what spreadsheets export (a byte-order
/// mark, UTF-16, Windows-1252, CR, LF or CRLF line ends, quoted fields with line ends and quotes
/// in them, `,` `;` tab or `|` separators, ragged rows, blank lines). Memory holds one block of
/// the file and one record, whatever the file's size.
///
/// ```swift
/// let reader = try CSVReader(path: "contacts.csv")
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
///
/// Lenient where files are sloppy and strict where data would be lost: a quote inside an unquoted
/// field is kept as text, rows may have any number of fields, blank rows (no field with a
/// character) are skipped; bytes that are not text, a field over the size limit and a quote never
/// closed are errors that name the line.
public final class CSVReader {
    /// The separator in use: given, or sniffed from the first block.
    public private(set) var delimiter: UInt8
    /// The encoding in use, once the first block has been read: UTF-8 while the file has been
    /// ASCII so far (it reads the same in Windows-1252).
    public var encoding: CSVTextEncoding { transcoder.encoding == .automatic ? .utf8 : transcoder.encoding }
    /// Bytes of the file read so far, for progress.
    public private(set) var bytesRead = 0

    private let options: CSVOptions
    private let source: () throws -> [UInt8]?
    private var transcoder: CSVTranscoder
    private var buffer: [UInt8] = []
    private var position = 0
    private var finished = false
    private var line = 1
    private var skipLF = false
    private var field: [UInt8] = []
    /// The previous record's field count, to size the next one's array.
    private var lastFieldCount = 8

    /// Reads the file at `path`.
    public convenience init(path: String, options: CSVOptions = CSVOptions()) throws(CSVError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable("cannot open \(path)") }
        let chunk = options.chunkBytes
        try self.init(options: options) {
            do {
                guard let data = try handle.read(upToCount: chunk), !data.isEmpty else {
                    try? handle.close()
                    return nil
                }
                return [UInt8](data)
            } catch {
                throw CSVError.unreadable("\(error)")
            }
        }
    }

    /// Reads `bytes`, the whole file in memory.
    public convenience init(bytes: [UInt8], options: CSVOptions = CSVOptions()) throws(CSVError) {
        var offset = 0
        let chunk = options.chunkBytes
        try self.init(options: options) {
            guard offset < bytes.count else { return nil }
            defer { offset += chunk }
            return Array(bytes[offset..<min(offset + chunk, bytes.count)])
        }
    }

    /// Reads the blocks `source` returns until it returns nil.
    public init(options: CSVOptions = CSVOptions(), source: @escaping () throws -> [UInt8]?) throws(CSVError) {
        self.options = options
        self.source = source
        transcoder = CSVTranscoder(options.encoding)
        delimiter = options.delimiter ?? UInt8(ascii: ",")
        try refill(atLeast: options.delimiter == nil ? Self.sniffedBytes : 1)
        if options.delimiter == nil { delimiter = CSVDelimiterSniffer.sniff(buffer[...]) }
    }

    /// The next record with a character in it; nil at the end of the file.
    public func next() throws(CSVError) -> CSVRecord? {
        while true {
            guard let record = try nextRecord() else { return nil }
            if record.fields.contains(where: { !$0.allSatisfy(\.isWhitespace) }) { return record }
        }
    }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private func nextRecord() throws(CSVError) -> CSVRecord? {
        var fields: [String] = []
        fields.reserveCapacity(lastFieldCount)
        var state = State.fieldStart
        let start = line
        var started = false
        field.removeAll(keepingCapacity: true)
        while true {
            if position == buffer.count {
                var more = false
                if !finished { more = try refill() }
                if !more {
                    if state == .quoted { throw .unterminatedQuote(line: start) }
                    guard started else { return nil }
                    try endField(&fields)
                    return CSVRecord(line: start, fields: fields)
                }
                continue
            }
            let byte = buffer[position]
            position += 1
            if skipLF {
                skipLF = false
                if byte == 0x0A { continue }
            }
            started = true
            switch state {
            case .fieldStart, .unquoted, .quoteInQuoted:
                if byte == delimiter {
                    try endField(&fields)
                    state = .fieldStart
                } else if byte == 0x0A || byte == 0x0D {
                    try endField(&fields)
                    line += 1
                    skipLF = byte == 0x0D
                    lastFieldCount = fields.count
                    return CSVRecord(line: start, fields: fields)
                } else if byte == UInt8(ascii: "\"") && state == .fieldStart {
                    state = .quoted
                } else if byte == UInt8(ascii: "\"") && state == .quoteInQuoted {
                    try append(byte)
                    state = .quoted
                } else {
                    // Text after a closing quote is kept as text, and so is any quote after it.
                    try append(byte)
                    state = .unquoted
                    try appendRun(quoted: false)
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if byte == 0x0D || (byte == 0x0A && field.last != 0x0D) { line += 1 }
                    try append(byte)
                    try appendRun(quoted: true)
                }
            }
        }
    }

    /// Appends the bytes from `position` up to the next one that ends the run: in an unquoted
    /// field the separator or a line end, in a quoted one a quote (line ends inside are counted).
    private func appendRun(quoted: Bool) throws(CSVError) {
        let delimiter = self.delimiter
        let (end, lineEnds) = buffer.withUnsafeBufferPointer { bytes -> (Int, Int) in
            var index = position, lineEnds = 0
            var previous = field.last ?? 0
            while index < bytes.count {
                let byte = bytes[index]
                if quoted {
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == 0x0D || (byte == 0x0A && previous != 0x0D) { lineEnds += 1 }
                } else if byte == delimiter || byte == 0x0A || byte == 0x0D {
                    break
                }
                previous = byte
                index += 1
            }
            return (index, lineEnds)
        }
        guard end > position else { return }
        guard field.count + (end - position) <= options.maxFieldBytes else { throw .fieldTooLong(line: line, limit: options.maxFieldBytes) }
        field.append(contentsOf: buffer[position..<end])
        line += lineEnds
        position = end
    }

    private func append(_ byte: UInt8) throws(CSVError) {
        guard field.count < options.maxFieldBytes else { throw .fieldTooLong(line: line, limit: options.maxFieldBytes) }
        field.append(byte)
    }

    private func endField(_ fields: inout [String]) throws(CSVError) {
        guard fields.count < options.maxFieldsPerRecord else { throw .tooManyFields(line: line, limit: options.maxFieldsPerRecord) }
        let text = field.withUnsafeBufferPointer { bytes -> String? in
            let ascii = bytes.allSatisfy { $0 < 0x80 }
            guard ascii || UTF8Check.firstInvalid(in: bytes[...], allowTruncatedEnd: false) == nil else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let text else {
            throw .invalidEncoding(line: line, detail: "bytes that are not \(encoding == .windows1252 ? "Windows-1252" : "UTF-8") text")
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    /// How much decoded text the delimiter is sniffed from, however small the source's reads.
    static let sniffedBytes = 16_384

    /// Replaces the consumed buffer with the next decoded blocks, at least `minimum` bytes of them
    /// unless the file ends first; false at the end of the file.
    @discardableResult
    private func refill(atLeast minimum: Int = 1) throws(CSVError) -> Bool {
        buffer.removeAll(keepingCapacity: true)
        position = 0
        while buffer.count < minimum {
            let block: [UInt8]?
            do {
                block = try source()
            } catch let error as CSVError {
                throw error
            } catch {
                throw .unreadable("\(error)")
            }
            guard let block else {
                finished = true
                try transcoder.decode([], into: &buffer, isLast: true)
                return !buffer.isEmpty
            }
            bytesRead += block.count
            try transcoder.decode(block[...], into: &buffer, isLast: false)
        }
        return true
    }
}
