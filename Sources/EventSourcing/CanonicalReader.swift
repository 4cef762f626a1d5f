/// Reads what ``CanonicalWriter`` wrote, in the same order: how a snapshot's state comes back.
/// Every read checks the bytes left, so truncated or corrupt input is a typed error, never a trap.
public struct CanonicalReader: Sendable {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// True when every byte has been read.
    public var isAtEnd: Bool { offset == bytes.count }

    public mutating func readUInt64() throws(ProjectionError) -> UInt64 {
        let slice = try take(8)
        return slice.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func readInt64() throws(ProjectionError) -> Int64 { Int64(bitPattern: try readUInt64()) }

    /// Reads what ``CanonicalWriter/write(_:)-(Int64?)`` wrote.
    public mutating func readOptionalInt64() throws(ProjectionError) -> Int64? {
        try readBool() ? try readInt64() : nil
    }

    public mutating func readInt() throws(ProjectionError) -> Int {
        let value = try readInt64()
        guard let int = Int(exactly: value) else { throw .corruptSnapshot("an integer out of range") }
        return int
    }

    public mutating func readBool() throws(ProjectionError) -> Bool {
        switch try take(1).first {
        case 0: return false
        case 1: return true
        default: throw .corruptSnapshot("a boolean that is neither 0 nor 1")
        }
    }

    public mutating func readString() throws(ProjectionError) -> String {
        // Validated straight from the buffer: no intermediate array (snapshots hold millions).
        let utf8 = try take(try readCount())
        guard let string = String(validating: utf8, as: UTF8.self) else { throw .corruptSnapshot("a string that is not UTF-8") }
        return string
    }

    public mutating func readBytes() throws(ProjectionError) -> [UInt8] {
        Array(try take(try readCount()))
    }

    /// Reads a dictionary that ``CanonicalWriter/write(_:_:)-(Dictionary,_)`` wrote.
    public mutating func readDictionary<Key: Hashable, Value>(
        _ entry: (inout CanonicalReader) throws(ProjectionError) -> (Key, Value)
    ) throws(ProjectionError) -> [Key: Value] {
        let count = try readCount()
        var dictionary: [Key: Value] = [:]
        dictionary.reserveCapacity(count)
        for _ in 0..<count {
            let (key, value) = try entry(&self)
            guard dictionary.updateValue(value, forKey: key) == nil else { throw .corruptSnapshot("a key written twice") }
        }
        return dictionary
    }

    /// Reads an array that ``CanonicalWriter/write(_:_:)-(Array,_)`` wrote.
    public mutating func readArray<Element>(
        _ element: (inout CanonicalReader) throws(ProjectionError) -> Element
    ) throws(ProjectionError) -> [Element] {
        let count = try readCount()
        var array: [Element] = []
        array.reserveCapacity(count)
        for _ in 0..<count { array.append(try element(&self)) }
        return array
    }

    /// Reads a set that ``CanonicalWriter/write(_:_:)-(Set,_)`` wrote.
    public mutating func readSet<Member: Hashable>(
        _ member: (inout CanonicalReader) throws(ProjectionError) -> Member
    ) throws(ProjectionError) -> Set<Member> {
        let count = try readCount()
        var set = Set<Member>(minimumCapacity: count)
        for _ in 0..<count { set.insert(try member(&self)) }
        return set
    }

    /// A count, checked against the bytes left (every element takes at least one byte).
    private mutating func readCount() throws(ProjectionError) -> Int {
        let count = try readUInt64()
        guard count <= UInt64(bytes.count - offset) else { throw .corruptSnapshot("a count of \(count) past the end") }
        return Int(count)
    }

    private mutating func take(_ count: Int) throws(ProjectionError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else { throw .corruptSnapshot("truncated at byte \(offset)") }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }
}
