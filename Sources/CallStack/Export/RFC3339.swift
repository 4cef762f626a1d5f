public import CallStackDomain
public import Foundation

/// RFC 3339 timestamps in UTC with microseconds, computed without the wall clock or locale.
public enum RFC3339 {
    public static func format(micros: Int64) -> String {
        var (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0, Int(fraction))
    }

    /// The Gregorian calendar in UTC, made once: `format` runs once per exported event.
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }()

    /// The business time `text` names; nil when it is not RFC 3339 or out of range.
    public static func businessTime(_ text: String) -> BusinessTime? {
        parse(text).flatMap { try? BusinessTime($0) }
    }

    /// Parses `2026-11-29T14:03:00Z` and forms with fractions or offsets.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
