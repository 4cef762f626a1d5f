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

    /// The time in UTC to the second, such as `2027-01-15T08:00:00Z`: whole seconds rounded down,
    /// computed with integer arithmetic (the proleptic Gregorian calendar), so it reads the same
    /// everywhere.
    public var iso8601: String {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros + 1) / 1_000_000 - 1
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        let inDay = seconds - days * 86_400
        // Days since 1970-01-01 to a civil date (Howard Hinnant's days_from_civil, inverted).
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", year, month, day, inDay / 3_600, inDay % 3_600 / 60, inDay % 60)
    }

    public static func < (lhs: BusinessTime, rhs: BusinessTime) -> Bool { lhs.micros < rhs.micros }
}
