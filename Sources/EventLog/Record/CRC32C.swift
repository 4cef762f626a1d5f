/// CRC-32C (Castagnoli), the checksum every record carries against accidental corruption.
///
/// Slicing-by-8 in software: no library on this platform offers CRC-32C, and the hash chain
/// (SHA-256) already guards against deliberate rewrites.
enum CRC32C {
    private static let polynomial: UInt32 = 0x82F6_3B78

    private static let tables: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        tables.withUnsafeBufferPointer { table in
            var crc = ~seed
            var index = 0
            let count = bytes.count
            while index + 8 <= count {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let mixed = word ^ UInt64(crc)
                crc = table[7 * 256 + Int(mixed & 0xFF)]
                    ^ table[6 * 256 + Int((mixed >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((mixed >> 16) & 0xFF)]
                    ^ table[4 * 256 + Int((mixed >> 24) & 0xFF)]
                    ^ table[3 * 256 + Int((mixed >> 32) & 0xFF)]
                    ^ table[2 * 256 + Int((mixed >> 40) & 0xFF)]
                    ^ table[1 * 256 + Int((mixed >> 48) & 0xFF)]
                    ^ table[Int(mixed >> 56)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
                index += 1
            }
            return ~crc
        }
    }
}
