/// Builds the canonical byte form of a read model (and of its snapshots; ``CanonicalReader`` reads it back): the same state always gives the same bytes, in
/// any process. Integers are little-endian and fixed width, strings are length-prefixed UTF-8, and
/// dictionaries are written in sorted key order, never in their (per-process seeded) hash order.
public struct CanonicalWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    public mutating func write(_ value: Int) { write(Int64(value)) }

    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// A presence flag, then the value when there is one.
    public mutating func write(_ value: Int64?) {
        write(value != nil)
        if let value { write(value) }
    }

    public mutating func write(_ value: String) {
        write(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    public mutating func write(_ value: [UInt8]) {
        write(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes the count, then each element in order.
    public mutating func write<Element>(_ array: [Element], _ element: (inout CanonicalWriter, Element) -> Void) {
        write(UInt64(array.count))
        for value in array { element(&self, value) }
    }

    /// Writes the entries in ascending key order, each as key then value.
    public mutating func write<Key: Comparable, Value>(
        _ dictionary: [Key: Value], _ entry: (inout CanonicalWriter, Key, Value) -> Void
    ) {
        write(UInt64(dictionary.count))
        for key in dictionary.keys.sorted() {
            if let value = dictionary[key] { entry(&self, key, value) }
        }
    }

    /// Writes the members in ascending order.
    public mutating func write<Member: Comparable>(_ set: Set<Member>, _ member: (inout CanonicalWriter, Member) -> Void) {
        write(UInt64(set.count))
        for value in set.sorted() { member(&self, value) }
    }
}
