/// How to read a CSV file.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator; nil sniffs it among `,` `;` tab and `|` from the first lines.
    public var delimiter: UInt8?
    /// The text encoding; ``CSVTextEncoding/automatic`` reads a byte-order mark, else UTF-8, else
    /// Windows-1252 when the first block is not UTF-8.
    public var encoding: CSVTextEncoding
    /// The longest field, in UTF-8 bytes.
    public var maxFieldBytes: Int
    /// The most fields in one record.
    public var maxFieldsPerRecord: Int
    /// Bytes read from the file at a time.
    public var chunkBytes: Int

    public init(
        delimiter: UInt8? = nil, encoding: CSVTextEncoding = .automatic, maxFieldBytes: Int = 64 * 1024,
        maxFieldsPerRecord: Int = 1_024, chunkBytes: Int = 1 << 20
    ) {
        self.delimiter = delimiter
        self.encoding = encoding
        self.maxFieldBytes = maxFieldBytes
        self.maxFieldsPerRecord = maxFieldsPerRecord
        self.chunkBytes = max(chunkBytes, 64)
    }

    /// The separators sniffing chooses among.
    public static let candidateDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
}

/// A CSV file's text encoding.
public enum CSVTextEncoding: String, Sendable, Equatable, CaseIterable {
    case automatic
    case utf8
    case utf16LittleEndian
    case utf16BigEndian
    case windows1252
}
