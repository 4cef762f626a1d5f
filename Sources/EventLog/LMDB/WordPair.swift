/// A 16-byte LMDB key or value made of two u64 words.
///
/// Keys are stored big-endian, so that LMDB's byte order sorts them by their words; values are
/// stored in native order.
protocol WordPair: Equatable {
    static var isKey: Bool { get }
    init(words: (UInt64, UInt64))
    var words: (UInt64, UInt64) { get }
}

extension WordPair {
    /// Reads the pair; nil when the stored bytes are not 16 long.
    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 16 else { return nil }
        let first = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let second = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        self.init(words: Self.isKey ? (UInt64(bigEndian: first), UInt64(bigEndian: second)) : (first, second))
    }

    /// Lends the pair's stored bytes to `body`.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let (first, second) = words
        let stored = Self.isKey ? (first.bigEndian, second.bigEndian) : (first, second)
        return try withUnsafeBytes(of: stored) { try body($0) }
    }
}

/// Where a stream stands: its number (from the `streams` table) and its version (the end of its
/// last stream-index run).
struct StreamHead: Equatable {
    var number: UInt64
    var version: UInt64
}

/// A value of the `stream-index` database: a run of `count` versions of one stream, stored at
/// consecutive positions from `firstPosition`. A batch is one run, so a batch of 1,000 events costs
/// one index entry, not 1,000.
struct StreamRun: WordPair {
    static let isKey = false
    var firstPosition: UInt64
    var count: UInt64

    init(firstPosition: UInt64, count: UInt64) {
        self.firstPosition = firstPosition
        self.count = count
    }

    init(words: (UInt64, UInt64)) { self.init(firstPosition: words.0, count: words.1) }
    var words: (UInt64, UInt64) { (firstPosition, count) }
}

/// A key of the `stream-index` database: the stream number and the run's first version, so that
/// one stream's runs sort together and in version order.
struct StreamIndexKey: WordPair {
    static let isKey = true
    var stream: UInt64
    var version: UInt64

    init(stream: UInt64, version: UInt64) {
        self.stream = stream
        self.version = version
    }

    init(words: (UInt64, UInt64)) { self.init(stream: words.0, version: words.1) }
    var words: (UInt64, UInt64) { (stream, version) }
}
