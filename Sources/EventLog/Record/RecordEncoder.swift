/// Writes records in the ``RecordLayout`` format, straight into LMDB's reserved space.
enum RecordEncoder {
    /// The assigned parts of an envelope.
    struct Stamp {
        var position: UInt64
        var streamVersion: UInt64
        var recordedAtMicros: Int64
    }

    static func size(of event: ProposedEvent, streamBytes: Int) -> Int {
        RecordLayout.size(
            stream: streamBytes, type: event.type.utf8.count, actor: event.actor.utf8.count,
            payload: event.payload.count)
    }

    /// Fills `record` (exactly ``size(of:streamBytes:)`` bytes), links it to `chain` and then
    /// advances `chain` to this record's hash.
    static func encode(
        _ event: ProposedEvent, stream: UnsafeRawBufferPointer, stamp: Stamp,
        into record: UnsafeMutableRawBufferPointer, chain: inout [UInt8]
    ) {
        let writer = FieldWriter(record)
        writer.u32(UInt32(record.count), at: RecordLayout.length)
        writer.u64(stamp.position, at: RecordLayout.position)
        writer.u64(stamp.streamVersion, at: RecordLayout.streamVersion)
        writer.u64(UInt64(bitPattern: stamp.recordedAtMicros), at: RecordLayout.recordedAt)
        writer.id(event.id, at: RecordLayout.eventID)
        writer.id(event.correlationID ?? .zero, at: RecordLayout.correlationID)
        writer.id(event.causationID ?? .zero, at: RecordLayout.causationID)
        writer.u32(event.schemaVersion, at: RecordLayout.schemaVersion)
        writer.u16(UInt16(stream.count), at: RecordLayout.streamLength)
        writer.u16(UInt16(event.type.utf8.count), at: RecordLayout.typeLength)
        writer.u16(UInt16(event.actor.utf8.count), at: RecordLayout.actorLength)
        var flags: UInt16 = 0
        if event.correlationID != nil { flags |= RecordLayout.hasCorrelation }
        if event.causationID != nil { flags |= RecordLayout.hasCausation }
        writer.u16(flags, at: RecordLayout.flags)
        writer.u32(UInt32(event.payload.count), at: RecordLayout.payloadLength)

        var offset = RecordLayout.headerSize
        offset = writer.bytes(stream, at: offset)
        offset = writer.string(event.type, at: offset)
        offset = writer.string(event.actor, at: offset)
        offset = event.payload.withUnsafeBytes { writer.bytes($0, at: offset) }

        let readable = UnsafeRawBufferPointer(record)
        let hashField = UnsafeMutableRawBufferPointer(rebasing: record[RecordLayout.chainHash..<RecordLayout.schemaVersion])
        chain.withUnsafeBytes { ChainHash.link(previous: $0, record: readable, into: hashField) }
        chain.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(hashField)) }
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: readable[RecordLayout.checksummed(record.count)]))
        writer.u32(crc, at: RecordLayout.checksum)
    }
}

/// Stores little-endian integers and raw bytes at fixed offsets of a record buffer.
private struct FieldWriter {
    let buffer: UnsafeMutableRawBufferPointer

    init(_ buffer: UnsafeMutableRawBufferPointer) { self.buffer = buffer }

    func u64(_ value: UInt64, at offset: Int) { buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt64.self) }
    func u32(_ value: UInt32, at offset: Int) { buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt32.self) }
    func u16(_ value: UInt16, at offset: Int) { buffer.storeBytes(of: value.littleEndian, toByteOffset: offset, as: UInt16.self) }

    func id(_ id: EventID, at offset: Int) {
        buffer.storeBytes(of: id.high.bigEndian, toByteOffset: offset, as: UInt64.self)
        buffer.storeBytes(of: id.low.bigEndian, toByteOffset: offset + 8, as: UInt64.self)
    }

    /// Copies `bytes` to `offset` and returns the offset after them.
    func bytes(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int {
        guard bytes.count > 0 else { return offset }
        UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + bytes.count)]).copyMemory(from: bytes)
        return offset + bytes.count
    }

    func string(_ text: String, at offset: Int) -> Int {
        var text = text
        return text.withUTF8 { bytes(UnsafeRawBufferPointer($0), at: offset) }
    }
}
