/// Turns a file's bytes into UTF-8, a block at a time, whatever the encoding: a byte-order mark
/// decides it; else UTF-16 when every other byte of the first block is NUL; else the first byte
/// outside ASCII does, wherever in the file it comes (UTF-8 when the bytes from it are valid UTF-8,
/// else Windows-1252), since ASCII reads the same in both. Errors name the line, counted in the input.
struct CSVTranscoder {
    private(set) var encoding: CSVTextEncoding
    /// A byte of UTF-16 waiting for its pair, and a high surrogate waiting for its low one.
    private var oddByte: UInt8?
    private var highSurrogate: UInt16?
    /// Lines seen so far in the input, for errors in encodings other than UTF-8 (the parser
    /// counts its own for UTF-8, which it validates field by field).
    private var line = 1
    private var lastWasCR = false
    private var started = false
    /// Bytes held until more comes: a first read too short to tell a byte-order mark from text,
    /// or the start of a character, cut by the end of a read, that is to decide the encoding.
    private var pending: [UInt8] = []

    init(_ encoding: CSVTextEncoding) {
        self.encoding = encoding
    }

    /// Appends the UTF-8 of `bytes` to `output`; `isLast` for the file's final block.
    mutating func decode(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8], isLast: Bool) throws(CSVError) {
        var bytes = bytes
        if started, !pending.isEmpty {
            bytes = ArraySlice(pending + bytes)
            pending = []
        }
        if !started {
            guard isLast || pending.count + bytes.count >= 4 else {
                pending += bytes
                return
            }
            bytes = ArraySlice(pending + bytes)
            pending = []
            started = true
            bytes = bytes.dropFirst(resolve(bytes))
        }
        switch encoding {
        case .automatic: try undecided(bytes, into: &output, isLast: isLast)
        case .utf8: output.append(contentsOf: bytes)
        case .windows1252: try windows1252(bytes, into: &output)
        case .utf16LittleEndian, .utf16BigEndian: try utf16(bytes, into: &output)
        }
        if isLast {
            if oddByte != nil { throw .invalidEncoding(line: line, detail: "the file ends in half a UTF-16 character") }
            if highSurrogate != nil { throw .invalidEncoding(line: line, detail: "the file ends in half a UTF-16 surrogate pair") }
        }
    }

    /// Settles the encoding from the first block; returns how many bytes of byte-order mark to skip.
    private mutating func resolve(_ first: ArraySlice<UInt8>) -> Int {
        let head = Array(first.prefix(3))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) && (encoding == .automatic || encoding == .utf8) {
            encoding = .utf8
            return 3
        }
        if head.starts(with: [0xFF, 0xFE]) && (encoding == .automatic || encoding == .utf16LittleEndian) {
            encoding = .utf16LittleEndian
            return 2
        }
        if head.starts(with: [0xFE, 0xFF]) && (encoding == .automatic || encoding == .utf16BigEndian) {
            encoding = .utf16BigEndian
            return 2
        }
        guard encoding == .automatic else { return 0 }
        encoding = Self.guess(first)
        return 0
    }

    private static func guess(_ block: ArraySlice<UInt8>) -> CSVTextEncoding {
        let sample = Array(block.prefix(4_096))
        let evenNULs = stride(from: 0, to: sample.count, by: 2).count { sample[$0] == 0 }
        let oddNULs = stride(from: 1, to: sample.count, by: 2).count { sample[$0] == 0 }
        if oddNULs * 4 > sample.count && evenNULs == 0 { return .utf16LittleEndian }
        if evenNULs * 4 > sample.count && oddNULs == 0 { return .utf16BigEndian }
        guard block.contains(where: { $0 >= 0x80 }) else { return .automatic }
        if UTF8Check.firstInvalid(in: block, allowTruncatedEnd: true) == nil { return .utf8 }
        return .windows1252
    }

    /// ASCII so far: passed through (its lines counted) until the first byte outside ASCII, whose
    /// bytes settle the encoding for the rest of the file.
    private mutating func undecided(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8], isLast: Bool) throws(CSVError) {
        let high = bytes.firstIndex { $0 >= 0x80 } ?? bytes.endIndex
        for byte in bytes[..<high] where byte == 0x0A || byte == 0x0D || lastWasCR { count(UInt32(byte)) }
        output.append(contentsOf: bytes[..<high])
        guard high < bytes.endIndex else { return }
        let rest = bytes[high...]
        if !isLast, rest.count < 4, UTF8Check.firstInvalid(in: rest, allowTruncatedEnd: false) != nil,
            UTF8Check.firstInvalid(in: rest, allowTruncatedEnd: true) == nil
        {
            pending = Array(rest)  // a character cut by the read: its next bytes decide
            return
        }
        encoding = UTF8Check.firstInvalid(in: rest, allowTruncatedEnd: true) == nil ? .utf8 : .windows1252
        if encoding == .utf8 { output.append(contentsOf: rest) } else { try windows1252(rest, into: &output) }
    }

    private mutating func count(_ unit: UInt32) {
        if unit == 0x0A {
            if !lastWasCR { line += 1 }
        } else if unit == 0x0D {
            line += 1
        }
        lastWasCR = unit == 0x0D
    }

    private mutating func windows1252(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) throws(CSVError) {
        output.reserveCapacity(output.count + bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                count(UInt32(byte))
                output.append(byte)
                continue
            }
            let scalar = byte >= 0xA0 ? UInt32(byte) : Self.windows1252High[Int(byte - 0x80)]
            guard scalar != 0 else {
                throw .invalidEncoding(line: line, detail: "byte 0x\(String(byte, radix: 16, uppercase: true)) is not a Windows-1252 character")
            }
            Self.appendUTF8(scalar, to: &output)
        }
    }

    private mutating func utf16(_ bytes: ArraySlice<UInt8>, into output: inout [UInt8]) throws(CSVError) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let first: UInt8, second: UInt8
            if let odd = oddByte {
                first = odd
                second = bytes[index]
                oddByte = nil
                index += 1
            } else if index + 1 < bytes.endIndex {
                first = bytes[index]
                second = bytes[index + 1]
                index += 2
            } else {
                oddByte = bytes[index]
                break
            }
            let unit = encoding == .utf16LittleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second)
            try take(unit, into: &output)
        }
    }

    private mutating func take(_ unit: UInt16, into output: inout [UInt8]) throws(CSVError) {
        if let high = highSurrogate {
            guard (0xDC00...0xDFFF).contains(unit) else { throw .invalidEncoding(line: line, detail: "a UTF-16 surrogate without its pair") }
            highSurrogate = nil
            Self.appendUTF8(0x10000 + (UInt32(high - 0xD800) << 10) + UInt32(unit - 0xDC00), to: &output)
            return
        }
        switch unit {
        case 0xD800...0xDBFF: highSurrogate = unit
        case 0xDC00...0xDFFF: throw .invalidEncoding(line: line, detail: "a UTF-16 surrogate without its pair")
        default:
            count(UInt32(unit))
            Self.appendUTF8(UInt32(unit), to: &output)
        }
    }

    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case ..<0x80: output.append(UInt8(scalar))
        case ..<0x800: output.append(contentsOf: [UInt8(0xC0 | scalar >> 6), UInt8(0x80 | scalar & 0x3F)])
        case ..<0x10000:
            output.append(contentsOf: [UInt8(0xE0 | scalar >> 12), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F)])
        default:
            output.append(contentsOf: [
                UInt8(0xF0 | scalar >> 18), UInt8(0x80 | scalar >> 12 & 0x3F), UInt8(0x80 | scalar >> 6 & 0x3F), UInt8(0x80 | scalar & 0x3F),
            ])
        }
    }

    /// Windows-1252's 0x80–0x9F; 0 for the five bytes it leaves undefined.
    static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
