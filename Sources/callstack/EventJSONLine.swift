import EventLog
import Foundation

/// The JSON-lines form of an event with its envelope: `log tail` now, `export` later.
///
/// Keys are written in a fixed order, so the same log always gives the same bytes.
enum EventJSONLine {
    static func encode(_ event: RecordedEvent) -> String {
        let fields: [(String, String)] = [
            ("position", String(event.position)),
            ("stream", quote(event.stream)),
            ("streamVersion", String(event.streamVersion)),
            ("id", quote(event.id.description)),
            ("type", quote(event.type)),
            ("schemaVersion", String(event.schemaVersion)),
            ("recordedAt", quote(RFC3339.format(micros: event.recordedAtMicros))),
            ("actor", quote(event.actor)),
            ("correlationId", event.correlationID.map { quote($0.description) } ?? "null"),
            ("causationId", event.causationID.map { quote($0.description) } ?? "null"),
            ("payload", quote(Data(event.payload).base64EncodedString())),
            ("chainHash", quote(event.chainHash.hex)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// RFC 3339 timestamps in UTC with microseconds, computed without the wall clock or locale.
enum RFC3339 {
    static func format(micros: Int64) -> String {
        var (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000
        }
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0,
            c.minute ?? 0, c.second ?? 0, Int(fraction))
    }

    /// Parses `2026-11-29T14:03:00Z` and forms with fractions or offsets.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
