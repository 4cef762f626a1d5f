/// The fixed binary layout of a record, so that a scan reads fields without decoding protobuf.
///
/// All integers are little-endian; event ids are big-endian so that they sort by time.
/// ```
///  0  u32  record length (header + variable part)
///  4  u32  CRC-32C of bytes 8..<length
///  8  u64  global position
/// 16  u64  stream version
/// 24  i64  recorded-at, microseconds since the Unix epoch
/// 32  16B  event id
/// 48  16B  correlation id (zero when absent)
/// 64  16B  causation id (zero when absent)
/// 80  32B  chain hash: SHA-256(previous hash ‖ bytes 8..<80 ‖ bytes 112..<length)
/// 112 u32  schema version
/// 116 u16  stream name length      118 u16 type name length
/// 120 u16  actor length            122 u16 flags (bit 0 correlation, bit 1 causation)
/// 124 u32  payload length
/// 128 …    stream name, type name, actor, payload
/// ```
public enum RecordLayout {
    static let length = 0
    static let checksum = 4
    static let position = 8
    static let streamVersion = 16
    static let recordedAt = 24
    static let eventID = 32
    static let correlationID = 48
    static let causationID = 64
    static let chainHash = 80
    static let schemaVersion = 112
    static let streamLength = 116
    static let typeLength = 118
    static let actorLength = 120
    static let flags = 122
    static let payloadLength = 124
    static let headerSize = 128

    static let hasCorrelation: UInt16 = 1
    static let hasCausation: UInt16 = 2

    /// The longest stream name, type name or actor, in UTF-8 bytes. Stream names are also LMDB
    /// keys, whose limit is 511 bytes.
    public static let maxNameBytes = 480
    /// The largest payload one event may carry.
    public static let maxPayloadBytes = 64 << 20

    /// The bytes the checksum covers.
    static func checksummed(_ count: Int) -> Range<Int> { position..<count }
    /// The bytes the chain hashes: everything but the length, the checksum and the hash itself.
    static let hashedHead = position..<chainHash
    static func hashedTail(_ count: Int) -> Range<Int> { schemaVersion..<count }

    /// The bytes a record takes with names and payload of these UTF-8 sizes.
    public static func size(stream: Int, type: Int, actor: Int, payload: Int) -> Int {
        headerSize + stream + type + actor + payload
    }
}
