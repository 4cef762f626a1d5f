import ContactImport
import Foundation
import Testing

@Suite("CSV reading")
struct CSVReaderTests {
    private func read(_ bytes: [UInt8], _ options: CSVOptions = CSVOptions()) throws -> [CSVRecord] {
        let reader = try CSVReader(bytes: bytes, options: options)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private func read(_ text: String, _ options: CSVOptions = CSVOptions()) throws -> [CSVRecord] {
        try read(Array(text.utf8), options)
    }

    @Test("RFC 4180: quoted separators, quotes and line ends in fields; line numbers count them")
    func rfc4180() throws {
        let records = try read("name,notes\r\n\"Doe, Jane\",\"said \"\"hi\"\"\r\nthen left\"\r\nBo,plain\r\n")
        #expect(records == [
            CSVRecord(line: 1, fields: ["name", "notes"]),
            CSVRecord(line: 2, fields: ["Doe, Jane", "said \"hi\"\r\nthen left"]),
            CSVRecord(line: 4, fields: ["Bo", "plain"]),
        ])
    }

    @Test("CR, LF and CRLF line ends; blank and all-empty rows skipped; ragged rows kept as they are")
    func lineEnds() throws {
        let records = try read("a,b\rc,d\n\n,,\r\ne\n  \nf,g,h\n")
        #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e"], ["f", "g", "h"]])
        #expect(records.map(\.line) == [1, 2, 5, 7])
    }

    @Test("the separator is sniffed among comma, semicolon, tab and pipe", arguments: [",", ";", "\t", "|"])
    func sniffing(separator: String) throws {
        let text = ["name\(separator)phone\(separator)note", "Ann\(separator)+441\(separator)\"x, y; z | w\"", "Bo\(separator)+442\(separator)n"]
            .joined(separator: "\n")
        let reader = try CSVReader(bytes: Array(text.utf8))
        #expect(reader.delimiter == Array(separator.utf8)[0])
        #expect(try reader.next()?.fields == ["name", "phone", "note"])
        #expect(try reader.next()?.fields == ["Ann", "+441", "x, y; z | w"])
    }

    @Test("encodings: UTF-8 with a BOM, UTF-16 with a BOM either way, Windows-1252")
    func encodings() throws {
        let text = "name;city\nRenée;Zürich €\n"
        let bom = try read([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(bom.map(\.fields) == [["name", "city"], ["Renée", "Zürich €"]])
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        for (bytes, encoding) in [(little, CSVTextEncoding.utf16LittleEndian), (big, .utf16BigEndian)] {
            let reader = try CSVReader(bytes: bytes, options: CSVOptions(chunkBytes: 65))
            #expect(reader.encoding == encoding)
            var fields: [[String]] = []
            while let record = try reader.next() { fields.append(record.fields) }
            #expect(fields == [["name", "city"], ["Renée", "Zürich €"]])
        }
        let windows: [UInt8] = Array("name;city\nRen".utf8) + [0xE9, 0x65] + Array(";Z".utf8) + [0xFC] + Array("rich ".utf8) + [0x80, 0x0A]
        let reader = try CSVReader(bytes: windows)
        #expect(reader.encoding == .windows1252)
        #expect(try reader.next()?.fields == ["name", "city"])
        #expect(try reader.next()?.fields == ["Renée", "Zürich €"])
    }

    @Test("bad bytes, a field over the limit and a quote never closed are errors naming the line")
    func errors() throws {
        #expect(throws: CSVError.invalidEncoding(line: 3, detail: "byte 0x81 is not a Windows-1252 character")) {
            try read([0xE9, 0x0A, 0x61, 0x0A, 0x81, 0x0A])
        }
        // UTF-8 settled by the é of line 1: a byte that cannot be UTF-8 later is an error.
        var late = Array(("é,b\n" + String(repeating: "a,b\n", count: 100)).utf8)
        late += [0x63, 0xFF, 0x0A]
        #expect(throws: CSVError.invalidEncoding(line: 102, detail: "bytes that are not UTF-8 text")) {
            try read(late, CSVOptions(chunkBytes: 64))
        }
        #expect(throws: CSVError.fieldTooLong(line: 2, limit: 10)) { try read("a\n\(String(repeating: "x", count: 11))\n", CSVOptions(maxFieldBytes: 10)) }
        #expect(throws: CSVError.tooManyFields(line: 1, limit: 3)) { try read("a,b,c,d\n", CSVOptions(maxFieldsPerRecord: 3)) }
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try read("a\n\"open\nstill open\n") }
        #expect(throws: CSVError.invalidEncoding(line: 1, detail: "the file ends in half a UTF-16 character")) {
            try read([0xFF, 0xFE, 0x61, 0x00, 0x62])
        }
    }

    @Test("any block size gives the same records as one block", arguments: [64, 65, 97, 4_096])
    func chunking(chunk: Int) throws {
        var generator = SeededGenerator(seed: UInt64(chunk))
        let rows = (0..<300).map { _ in (0..<Int.random(in: 1...6, using: &generator)).map { _ in Self.randomField(&generator) } }
        let text = rows.map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let whole = try read(Array(text.utf8), CSVOptions(delimiter: UInt8(ascii: ",")))
        let pieces = try read(Array(text.utf8), CSVOptions(delimiter: UInt8(ascii: ","), chunkBytes: chunk))
        #expect(pieces == whole)
        let expected = rows.filter { $0.contains { !$0.allSatisfy(\.isWhitespace) } }
        #expect(whole.map(\.fields) == expected)
    }

    static func randomField(_ generator: inout SeededGenerator) -> String {
        let alphabet = Array("abcé€😀 ,;\"\r\n|\t0123")
        return String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func quoted(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    @Test("a file is read from disk a block at a time")
    func file() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(("phone|name\n" + (1...1_000).map { "+4420790000\($0)|P\($0)" }.joined(separator: "\n")).utf8).write(to: URL(fileURLWithPath: path))
        let reader = try CSVReader(path: path, options: CSVOptions(chunkBytes: 512))
        var count = 0
        while let record = try reader.next() {
            count += 1
            #expect(record.fields.count == 2)
        }
        #expect(count == 1_001 && reader.delimiter == UInt8(ascii: "|"))
        #expect(reader.bytesRead == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        #expect(throws: CSVError.self) { try CSVReader(path: path + ".missing") }
    }
}

/// SplitMix64: reproducible randomness for generated inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("CSV writing")
struct CSVWriterTests {
    @Test("cells that could run as formulas are neutralized; separators, quotes and line ends are quoted")
    func neutralized() throws {
        #expect(CSVWriter.line(["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "plain"]) == "'=1+1,'+44 20,'-2,'@SUM(A1),'\tx,plain\r\n")
        #expect(CSVWriter.line(["a,b", "say \"hi\"", "two\nlines", ""]) == "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n")
        let line = CSVWriter.line(["=cmd|' /C calc'!A0", "Doe, \"J\""])
        let reader = try CSVReader(bytes: Array(line.utf8), options: CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(try reader.next()?.fields == ["'=cmd|' /C calc'!A0", "Doe, \"J\""], "what is written reads back")
    }
}

@Suite("CSV reading, edge cases")
struct CSVEdgeCaseTests {
    @Test("text after a closing quote is text, and a later quote does not reopen the field")
    func strayQuote() throws {
        let reader = try CSVReader(bytes: Array("\"a\"b\"c,d\nx,y\n".utf8), options: CSVOptions(delimiter: UInt8(ascii: ",")))
        #expect(try reader.next()?.fields == ["ab\"c", "d"])
        #expect(try reader.next()?.fields == ["x", "y"])
    }

    @Test("UTF-16 without a byte-order mark is recognised by its NULs")
    func utf16WithoutBOM() throws {
        let bytes: [UInt8] = "name,phone\nAnn,+441\n".utf16.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let reader = try CSVReader(bytes: bytes)
        #expect(reader.encoding == .utf16LittleEndian)
        #expect(try reader.next()?.fields == ["name", "phone"])
    }
}

@Suite("CSV encodings decided late")
struct CSVLateEncodingTests {
    /// A reader over `bytes` handed over `size` bytes at a time.
    private func reader(_ bytes: [UInt8], size: Int) throws -> CSVReader {
        var offset = 0
        return try CSVReader {
            guard offset < bytes.count else { return nil }
            defer { offset += size }
            return Array(bytes[offset..<min(offset + size, bytes.count)])
        }
    }

    @Test("a byte-order mark split over tiny reads is still recognised", arguments: [1, 2, 3])
    func splitBOM(size: Int) throws {
        let reader = try reader([0xEF, 0xBB, 0xBF] + Array("name;city\nRenée;Zürich\n".utf8), size: size)
        #expect(try reader.next()?.fields == ["name", "city"])
        #expect(try reader.next()?.fields == ["Renée", "Zürich"])
        #expect(reader.encoding == .utf8)
    }

    @Test("Windows-1252 after a long ASCII start is decoded, not refused; UTF-8 likewise")
    func lateNonASCII() throws {
        let ascii = Array(("name,city\n" + (0..<3_000).map { "Person \($0),Paris\n" }.joined()).utf8)
        let windows = try reader(ascii + Array("Ren".utf8) + [0xE9, 0x65, 0x2C, 0x5A, 0xFC] + Array("rich\n".utf8), size: 4_096)
        var last: [String] = []
        while let record = try windows.next() { last = record.fields }
        #expect(last == ["Renée", "Zürich"] && windows.encoding == .windows1252)
        let utf8 = try reader(ascii + Array("Renée,Zürich\n".utf8), size: 4_096)
        while let record = try utf8.next() { last = record.fields }
        #expect(last == ["Renée", "Zürich"] && utf8.encoding == .utf8)
        let bad = try reader(ascii + Array("Ren".utf8) + [0xE9, 0x81, 0x0A], size: 4_096)
        #expect(throws: CSVError.invalidEncoding(line: 3_002, detail: "byte 0x81 is not a Windows-1252 character")) {
            while try bad.next() != nil {}
        }
    }

    @Test("a first non-ASCII byte cut by the end of a read waits for the next read to decide", arguments: [1, 2, 7, 13])
    func cutCharacter(size: Int) throws {
        let windows: [UInt8] = Array("name,city\nRen".utf8) + [0xE9] + Array("e,Paris\n".utf8)
        let reader = try reader(windows, size: size)
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        #expect(rows == [["name", "city"], ["Renée", "Paris"]] && reader.encoding == .windows1252)
        let utf8 = try self.reader(Array("name,city\nRenée,Zürich\n".utf8), size: size)
        rows = []
        while let record = try utf8.next() { rows.append(record.fields) }
        #expect(rows == [["name", "city"], ["Renée", "Zürich"]] && utf8.encoding == .utf8)
    }

    @Test("an inch mark inside a field neither hides lines from the sniffer nor opens a quote")
    func inchMarks() throws {
        let text = "name;size;note\nTV;55\";big, bright\nRadio;7\";small, cheap\nLamp;9\";\"tall; thin\"\n"
        let reader = try CSVReader(bytes: Array(text.utf8))
        #expect(reader.delimiter == UInt8(ascii: ";"))
        var rows: [[String]] = []
        while let record = try reader.next() { rows.append(record.fields) }
        #expect(rows == [["name", "size", "note"], ["TV", "55\"", "big, bright"], ["Radio", "7\"", "small, cheap"], ["Lamp", "9\"", "tall; thin"]])
    }
}
