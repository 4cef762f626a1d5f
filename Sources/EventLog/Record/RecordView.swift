/// A zero-copy, validated view of one record's bytes.
///
/// Only valid while the bytes are (inside a read-transaction closure). ``materialize()`` copies
/// the record into a ``RecordedEvent`` that may be kept.
public struct RecordView {
    let bytes: UnsafeRawBufferPointer
    /// The LMDB key the record was found under; equal to ``position`` in a sound store.
    public let key: UInt64

    /// Checks that the lengths inside the record add up to the bytes given; does not check the
    /// checksum (see ``checksumMatches``), so that a scan stays cheap.
    init(_ bytes: UnsafeRawBufferPointer, at key: UInt64) throws {
        guard bytes.count >= RecordLayout.headerSize, bytes.baseAddress != nil else {
            throw EventLogError(.malformedRecord, "record of \(bytes.count) bytes is shorter than its header", position: key)
        }
        self.bytes = bytes
        self.key = key
        let declared = Int(u32(RecordLayout.length))
        let variable = Int(u16(RecordLayout.streamLength)) + Int(u16(RecordLayout.typeLength))
            + Int(u16(RecordLayout.actorLength)) + Int(u32(RecordLayout.payloadLength))
        guard declared == bytes.count, RecordLayout.headerSize + variable == bytes.count else {
            throw EventLogError(.malformedRecord, "record lengths do not add up to its \(bytes.count) bytes", position: key)
        }
    }

    /// The global position stored in the record.
    public var position: UInt64 { u64(RecordLayout.position) }
    /// The event's version within its stream.
    public var streamVersion: UInt64 { u64(RecordLayout.streamVersion) }
    /// When the log committed the event, in microseconds since the Unix epoch.
    public var recordedAtMicros: Int64 { Int64(bitPattern: u64(RecordLayout.recordedAt)) }
    /// The payload's schema version.
    public var schemaVersion: UInt32 { u32(RecordLayout.schemaVersion) }
    /// The event's id.
    public var id: EventID { eventID(at: RecordLayout.eventID) }
    /// The correlation id, when the event has one.
    public var correlationID: EventID? {
        flags & RecordLayout.hasCorrelation != 0 ? eventID(at: RecordLayout.correlationID) : nil
    }
    /// The causation id, when the event has one.
    public var causationID: EventID? {
        flags & RecordLayout.hasCausation != 0 ? eventID(at: RecordLayout.causationID) : nil
    }

    /// The UTF-8 bytes of the stream name.
    public var streamBytes: UnsafeRawBufferPointer { slice(RecordLayout.headerSize, streamLength) }
    /// The UTF-8 bytes of the type name.
    public var typeBytes: UnsafeRawBufferPointer { slice(typeOffset, Int(u16(RecordLayout.typeLength))) }
    /// The UTF-8 bytes of the actor.
    public var actorBytes: UnsafeRawBufferPointer { slice(actorOffset, Int(u16(RecordLayout.actorLength))) }
    /// The payload bytes, in place.
    public var payload: UnsafeRawBufferPointer { slice(payloadOffset, Int(u32(RecordLayout.payloadLength))) }

    private var streamLength: Int { Int(u16(RecordLayout.streamLength)) }
    private var typeOffset: Int { RecordLayout.headerSize + streamLength }
    private var actorOffset: Int { typeOffset + Int(u16(RecordLayout.typeLength)) }
    private var payloadOffset: Int { actorOffset + Int(u16(RecordLayout.actorLength)) }

    /// The stream name, copied into a string.
    public var stream: String { String(decoding: streamBytes, as: UTF8.self) }
    /// The type name, copied into a string.
    public var type: String { String(decoding: typeBytes, as: UTF8.self) }
    /// The hash chain's value after this record (32 bytes).
    public var chainHashBytes: UnsafeRawBufferPointer { slice(RecordLayout.chainHash, 32) }

    /// The whole record, as stored.
    public var rawBytes: UnsafeRawBufferPointer { bytes }

    var flags: UInt16 { u16(RecordLayout.flags) }
    var storedChecksum: UInt32 { u32(RecordLayout.checksum) }

    var checksumMatches: Bool {
        CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[RecordLayout.checksummed(bytes.count)])) == storedChecksum
    }

    /// Copies the record out of the map.
    public func materialize() -> RecordedEvent {
        RecordedEvent(
            position: position, stream: stream, streamVersion: streamVersion, id: id, type: type,
            schemaVersion: schemaVersion, recordedAtMicros: recordedAtMicros,
            actor: String(decoding: actorBytes, as: UTF8.self), correlationID: correlationID,
            causationID: causationID, payload: Array(payload), chainHash: ChainHash(unchecked: Array(chainHashBytes)))
    }

    private func slice(_ offset: Int, _ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
    }

    private func eventID(at offset: Int) -> EventID {
        EventID(
            high: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)),
            low: UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
    }

    func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    func u16(_ offset: Int) -> UInt16 { UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) }
}
