/// Where UTF-8 goes wrong in a block of bytes.
enum UTF8Check {
    /// The index of the first byte that is not well-formed UTF-8, or nil. With `allowTruncatedEnd`,
    /// a sequence cut off by the end of the block is not an error (the next block finishes it).
    static func firstInvalid<C: Collection<UInt8>>(in bytes: C, allowTruncatedEnd: Bool) -> Int? where C.Index == Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int, lowest: UInt32
            switch lead {
            case 0xC2...0xDF: (length, lowest) = (2, 0x80)
            case 0xE0...0xEF: (length, lowest) = (3, 0x800)
            case 0xF0...0xF4: (length, lowest) = (4, 0x10000)
            default: return index
            }
            if index + length > bytes.endIndex {
                let tail = bytes[(index + 1)...]
                return allowTruncatedEnd && tail.allSatisfy({ $0 & 0xC0 == 0x80 }) ? nil : index
            }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= lowest, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return index }
            index += length
        }
        return nil
    }
}
