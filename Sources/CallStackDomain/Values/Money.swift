public import CallStackEvents

/// An amount in minor units (cents) of an ISO 4217 currency; never a floating-point number.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    public let minorUnits: Int64
    /// Three uppercase letters, such as `GBP`.
    public let currency: String

    /// Throws ``ValueError/invalidMoney(_:)`` for a currency that is not three letters A–Z.
    public init(minorUnits: Int64, currency: String) throws(ValueError) {
        guard currency.utf8.count == 3, currency.utf8.allSatisfy({ (65...90).contains($0) }) else {
            throw .invalidMoney("currency \(currency.debugDescription) is not three uppercase letters")
        }
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// The wire form.
    public var message: Callstack_V1_Money {
        var money = Callstack_V1_Money()
        money.minorUnits = minorUnits
        money.currency = currency
        return money
    }

    /// The value a wire message holds, checked.
    public init(_ message: Callstack_V1_Money) throws(ValueError) {
        try self.init(minorUnits: message.minorUnits, currency: message.currency)
    }

    /// The sum; throws for two currencies or an overflow rather than trapping.
    public func adding(_ other: Money) throws(ValueError) -> Money {
        guard other.currency == currency else { throw .invalidMoney("cannot add \(other.currency) to \(currency)") }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .invalidMoney("the sum overflows") }
        return try Money(minorUnits: sum, currency: currency)
    }

    /// `GBP 12.34`: the minor units as hundredths.
    public var description: String {
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        return "\(currency) \(sign)\(magnitude / 100).\(String(magnitude % 100 + 100).dropFirst())"
    }
}
