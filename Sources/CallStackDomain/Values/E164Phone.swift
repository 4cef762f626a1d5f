/// A phone number in E.164: `+`, a country code and subscriber number, 7 to 15 digits in all (Niue's
/// `+683 7012` is the shortest in use; ITU-T E.164 allows 15 at most), no
/// leading zero. Formatting is stripped on the way in (`+44 7700 900123` → `+447700900123`); the
/// import issue adds real numbering-plan validation on top.
public struct E164Phone: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The canonical form, such as `+447700900123`: what is sealed and what keyed hashes are of.
    public let digits: String

    /// Throws ``ValueError/invalidPhone(_:)`` for anything that is not an international number.
    public init(_ text: String) throws(ValueError) {
        let kept = text.unicodeScalars.filter { !" -().\u{00A0}".unicodeScalars.contains($0) }
        let body = String(String.UnicodeScalarView(kept))
        guard body.hasPrefix("+") else { throw .invalidPhone("\(text.debugDescription) does not start with +") }
        let number = body.dropFirst()
        guard (7...15).contains(number.count), number.allSatisfy({ $0.isASCII && $0.isNumber }), number.first != "0" else {
            throw .invalidPhone("\(text.debugDescription) is not + and 7 to 15 digits without a leading 0")
        }
        digits = body
    }

    public var description: String { digits }

    public static func < (lhs: E164Phone, rhs: E164Phone) -> Bool { lhs.digits < rhs.digits }
}
