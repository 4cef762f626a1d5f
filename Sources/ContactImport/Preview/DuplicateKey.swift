import Crypto

/// What the in-file duplicate check remembers of a phone or an email: 16 bytes, not the string.
/// A phone is its E.164 digits as a number (exact: 15 digits fit); an email the first 128 bits of
/// the SHA-256 of its comparison key (a chance collision would take some 2^64 addresses). The
/// top bit tells the two kinds apart. A million-row file then keeps tens of megabytes, not hundreds.
struct DuplicateKey: Hashable {
    let high: UInt64
    let low: UInt64

    init(phone: PhoneNumber) {
        high = 1 << 63
        low = phone.e164.utf8.reduce(0) { value, byte in byte >= 0x30 && byte <= 0x39 ? value &* 10 &+ UInt64(byte - 0x30) : value }
    }

    init(email: EmailAddress) {
        let digest = Array(SHA256.hash(data: Array(email.comparisonKey.utf8)))
        high = digest[0..<8].reduce(0) { $0 << 8 | UInt64($1) } & ~(1 << 63)
        low = digest[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
