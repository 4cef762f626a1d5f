public import CallStackEvents
import Foundation
import Synchronization

/// The calling window in the contact's local time: a dial at `time` is allowed when the wall
/// clock of every time zone the contact may be in reads inside the window. A number that maps to
/// several zones (North American toll-free numbers map to dozens) and a contact with no explicit
/// zone must fit all of them. Daylight-saving rules come from tzdata, through Foundation's
/// `TimeZone`; the time is a parameter, never the clock.
///
/// The window starts at its first minute and ends before its last (09:00–17:00 allows 16:59, not
/// 17:00). An unknown zone, or none at all, closes it: a dialer must not guess.
public struct CallingWindowRule: Sendable, Equatable {
    /// Minutes after local midnight.
    public let startMinute: Int
    public let endMinute: Int

    /// Why a dial is or is not allowed.
    public enum Verdict: Sendable, Equatable, CustomStringConvertible {
        case open
        /// Outside the window in `zone`, where the local time is `localTime` (HH:MM).
        case closed(zone: String, localTime: String)
        /// A zone tzdata does not know (or `Etc/Unknown`).
        case unknownZone(String)
        /// The contact has no time zone at all.
        case noZone

        public var allows: Bool { self == .open }

        public var description: String {
            switch self {
            case .open: "open"
            case .closed(let zone, let local): "outside the calling window: \(local) in \(zone)"
            case .unknownZone(let zone): "the time zone \(zone) is unknown: the calling window cannot be checked"
            case .noZone: "no time zone: the calling window cannot be checked"
            }
        }
    }

    /// Nil for a window that is not two HH:MM times, the first before the second.
    public init?(_ window: Callstack_V1_CallingWindow) {
        guard let start = ControlRules.minutes(window.start), let end = ControlRules.minutes(window.end), start < end else { return nil }
        startMinute = start
        endMinute = end
    }

    /// The window as "HH:MM-HH:MM".
    public var text: String {
        String(format: "%02d:%02d-%02d:%02d", startMinute / 60, startMinute % 60, endMinute / 60, endMinute % 60)
    }

    /// The wall-clock time (HH:MM) in `zone` at `time`; nil for a zone tzdata does not know.
    public static func localTime(at time: BusinessTime, in zone: String) -> String? {
        guard let timeZone = Self.zone(zone) else { return nil }
        let minute = localMinute(at: time, in: timeZone)
        return String(format: "%02d:%02d", minute / 60, minute % 60)
    }

    /// The zone tzdata knows by `name` (nil for none, and for `Etc/Unknown`), made once per name:
    /// every selection checks the window, and making a `TimeZone` is not cheap.
    static func zone(_ name: String) -> TimeZone? {
        if let known = zones.withLock({ $0[name] }) { return known }
        let made = name == "Etc/Unknown" ? nil : TimeZone(identifier: name)
        zones.withLock { zones in
            if zones.count < 4_096 { zones[name] = made }
        }
        return made
    }

    private static let zones = Mutex<[String: TimeZone?]>([:])

    /// Minutes after local midnight in `zone` at `time`: whole seconds, rounded down (negative
    /// times too), with the zone's offset at that instant.
    static func localMinute(at time: BusinessTime, in zone: TimeZone) -> Int {
        let seconds = time.micros >= 0 ? time.micros / 1_000_000 : (time.micros + 1) / 1_000_000 - 1
        let local = seconds + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        return Int(((local % 86_400) + 86_400) % 86_400 / 60)
    }

    /// The verdict at `time` for a contact who may be in any of `zones` (IANA names): the first
    /// zone, in the order given, that closes the window, or `open`.
    public func verdict(at time: BusinessTime, inEvery zones: [String]) -> Verdict {
        guard !zones.isEmpty else { return .noZone }
        for name in zones {
            guard let zone = Self.zone(name) else { return .unknownZone(name) }
            let minute = Self.localMinute(at: time, in: zone)
            guard (startMinute..<endMinute).contains(minute) else {
                return .closed(zone: name, localTime: String(format: "%02d:%02d", minute / 60, minute % 60))
            }
        }
        return .open
    }
}
