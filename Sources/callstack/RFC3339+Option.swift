import ArgumentParser
import CallStack
import CallStackDomain

extension RFC3339 {
    /// `text` as business time, or a validation error naming the option it came from.
    static func businessTime(_ text: String, option: String) throws -> BusinessTime {
        guard let time = businessTime(text) else { throw ValidationError("\(option) must be an RFC 3339 time, such as 2026-11-29T14:03:00Z") }
        return time
    }
}
