public import CallStackEvents
public import Foundation

/// When something happened in the business, as the command said (never the clock of the process
/// that folds it): microseconds since the Unix epoch, as `Occurrence.at_micros` carries it.
public struct BusinessTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let micros: Int64

    public init(micros: Int64) {
        self.micros = micros
    }

    /// Throws ``ValueError/invalidTime(_:)`` for a date that is not finite or out of range.
    public init(_ date: Date) throws(ValueError) {
        let micros = date.timeIntervalSince1970 * 1_000_000
        guard micros.isFinite, micros.magnitude < 9e18 else { throw .invalidTime("\(date) is out of range") }
        self.micros = Int64(micros)
    }

    public init(_ occurrence: Callstack_V1_Occurrence) {
        micros = occurrence.atMicros
    }

    public var date: Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }

    public var description: String { "\(micros) µs" }

    public static func < (lhs: BusinessTime, rhs: BusinessTime) -> Bool { lhs.micros < rhs.micros }
}
