@testable import EventLog
public import Foundation

/// Recognisable payloads, so a test can find a record's bytes in the data file.
public enum Marker {
    /// A payload that contains a unique, fixed-width marker for `index`.
    public static func payload(_ index: Int) -> String {
        "<<marker-" + String(index + 1_000_000) + ">>"
    }

    /// The file offset of the marker's first byte, or nil when not found.
    public static func offset(of index: Int, in file: String) throws -> Int? {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        return data.range(of: Data(payload(index).utf8))?.lowerBound
    }
}

/// Byte-level changes to a data file.
public enum FileBytes {
    /// Inverts every bit of the byte at `offset`; calling it twice restores the file.
    public static func flip(_ file: String, at offset: Int, mask: UInt8 = 0xFF) throws {
        guard let handle = FileHandle(forUpdatingAtPath: file) else {
            throw CocoaError(.fileNoSuchFile)
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: UInt64(offset))
        guard let byte = try handle.read(upToCount: 1)?.first else { throw CocoaError(.fileReadUnknown) }
        try handle.seek(toOffset: UInt64(offset))
        try handle.write(contentsOf: [byte ^ mask])
    }

    /// The files under `folder` (recursively) whose bytes contain `needle` anywhere.
    public static func files(under folder: String, containing needle: [UInt8]) throws -> [String] {
        let root = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw CocoaError(.fileReadNoSuchFile) }
        var found: [String] = []
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            if try Data(contentsOf: url).range(of: Data(needle)) != nil { found.append(url.path) }
        }
        return found.sorted()
    }

    public static func size(_ file: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
    }
}

/// Forgeries that a careless attacker would make: change a record and fix its checksum.
public enum Tamper {
    /// Changes the payload byte at `payloadOffset` of the record at `position`, then recomputes
    /// that record's CRC-32C so that only the hash chain can tell.
    public static func rewritePayloadAndChecksum(_ file: String, payloadOffset: Int, position: UInt64) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: file))
        guard let start = recordStart(in: data, payloadOffset: payloadOffset, position: position) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        data[payloadOffset] ^= 0x20
        let length = Int(data.littleEndian(UInt32.self, at: start))
        let crc = data[(start + 8)..<(start + length)].withUnsafeBytes { CRC32C.checksum($0) }
        withUnsafeBytes(of: crc.littleEndian) { data.replaceSubrange((start + 4)..<(start + 8), with: $0) }
        try data.write(to: URL(fileURLWithPath: file))
    }

    /// The file offsets of the record at `position` whose payload includes `payloadOffset`.
    public static func recordBounds(in file: String, payloadOffset: Int, position: UInt64) throws -> ClosedRange<Int>? {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        guard let start = recordStart(in: data, payloadOffset: payloadOffset, position: position) else { return nil }
        return start...(start + Int(data.littleEndian(UInt32.self, at: start)) - 1)
    }

    /// The offset of the record at `position` whose payload includes `payloadOffset`.
    static func recordStart(in data: Data, payloadOffset: Int, position: UInt64) -> Int? {
        let lowest = max(0, payloadOffset - 128 - 3 * 480)
        for start in stride(from: payloadOffset - 128, through: lowest, by: -1) {
            guard data.littleEndian(UInt64.self, at: start + 8) == position else { continue }
            let length = Int(data.littleEndian(UInt32.self, at: start))
            if start + length > payloadOffset, start + length <= data.count { return start }
        }
        return nil
    }
}

extension Data {
    /// The little-endian integer at `offset` from the start of the data.
    public func littleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        Swift.withUnsafeMutableBytes(of: &value) { target in
            let lower = startIndex + offset
            target.copyBytes(from: self[lower..<(lower + MemoryLayout<T>.size)])
        }
        return T(littleEndian: value)
    }
}
