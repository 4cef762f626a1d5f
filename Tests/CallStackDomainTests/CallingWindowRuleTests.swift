import CallStackDomain
import CallStackEvents
import Foundation
import SwiftProtobuf
import Testing

@Suite("Calling windows in the contact's local time")
struct CallingWindowRuleTests {
    let rule = CallingWindowRule(.with { $0.start = "09:00"; $0.end = "17:00" })!

    /// Business time of an ISO 8601 UTC instant.
    func at(_ text: String) -> BusinessTime {
        BusinessTime(micros: Int64(ISO8601DateFormatter().date(from: text)!.timeIntervalSince1970) * 1_000_000)
    }

    @Test("New York across the spring-forward of 2026-03-08: the same UTC hour is 08:30 before and 09:30 after")
    func springForward() {
        #expect(rule.verdict(at: at("2026-03-06T13:30:00Z"), inEvery: ["America/New_York"]) == .closed(zone: "America/New_York", localTime: "08:30"))
        #expect(rule.verdict(at: at("2026-03-09T13:30:00Z"), inEvery: ["America/New_York"]) == .open)
    }

    @Test("London across the fall-back of 2026-10-25, and the window's ends: first minute in, last minute out")
    func fallBackAndEnds() {
        #expect(rule.verdict(at: at("2026-10-23T16:30:00Z"), inEvery: ["Europe/London"]) == .closed(zone: "Europe/London", localTime: "17:30"))
        #expect(rule.verdict(at: at("2026-10-26T16:30:00Z"), inEvery: ["Europe/London"]) == .open)
        #expect(rule.verdict(at: at("2026-10-26T09:00:00Z"), inEvery: ["Europe/London"]) == .open)
        #expect(rule.verdict(at: at("2026-10-26T17:00:00Z"), inEvery: ["Europe/London"]) == .closed(zone: "Europe/London", localTime: "17:00"))
    }

    @Test("a number in several zones must fit every one of them")
    func everyZone() {
        let zones = ["America/New_York", "America/Chicago", "America/Los_Angeles"]
        #expect(rule.verdict(at: at("2026-06-01T16:30:00Z"), inEvery: zones) == .open, "12:30, 11:30 and 09:30")
        #expect(rule.verdict(at: at("2026-06-01T15:30:00Z"), inEvery: zones) == .closed(zone: "America/Los_Angeles", localTime: "08:30"))
        #expect(rule.verdict(at: at("2026-06-01T20:30:00Z"), inEvery: zones) == .open, "16:30, 15:30 and 13:30")
        #expect(rule.verdict(at: at("2026-06-01T21:30:00Z"), inEvery: zones) == .closed(zone: "America/New_York", localTime: "17:30"))
    }

    @Test("zones a quarter or half hour off, the last microsecond of the window, and times before 1970")
    func oddOffsetsAndEdges() {
        #expect(rule.verdict(at: at("2026-06-01T03:14:00Z"), inEvery: ["Asia/Kathmandu"]) == .closed(zone: "Asia/Kathmandu", localTime: "08:59"))
        #expect(rule.verdict(at: at("2026-06-01T03:15:00Z"), inEvery: ["Asia/Kathmandu"]) == .open)
        #expect(rule.verdict(at: at("2026-01-15T06:29:00Z"), inEvery: ["Australia/Adelaide"]) == .open, "Adelaide in summer is +10:30: 16:59")
        #expect(rule.verdict(at: at("2026-01-15T06:30:00Z"), inEvery: ["Australia/Adelaide"]) == .closed(zone: "Australia/Adelaide", localTime: "17:00"))
        let lastMicro = BusinessTime(micros: at("2026-06-01T17:00:00Z").micros - 1)
        #expect(rule.verdict(at: lastMicro, inEvery: ["Etc/UTC"]) == .open)
        #expect(rule.verdict(at: BusinessTime(micros: lastMicro.micros + 1), inEvery: ["Etc/UTC"]) == .closed(zone: "Etc/UTC", localTime: "17:00"))
        #expect(rule.verdict(at: at("1969-12-31T10:00:00Z"), inEvery: ["Etc/UTC"]) == .open)
        #expect(rule.verdict(at: BusinessTime(micros: -1), inEvery: ["Etc/UTC"]) == .closed(zone: "Etc/UTC", localTime: "23:59"))
    }

    @Test("no zone, an unknown zone or Etc/Unknown closes the window; a window that is not two ordered times is refused")
    func failClosed() {
        let noon = at("2026-06-01T12:00:00Z")
        #expect(rule.verdict(at: noon, inEvery: []) == .noZone)
        #expect(rule.verdict(at: noon, inEvery: ["Mars/Olympus_Mons"]) == .unknownZone("Mars/Olympus_Mons"))
        #expect(rule.verdict(at: noon, inEvery: ["Europe/London", "Etc/Unknown"]) == .unknownZone("Etc/Unknown"))
        #expect(!rule.verdict(at: noon, inEvery: []).allows)
        #expect(CallingWindowRule(.with { $0.start = "17:00"; $0.end = "09:00" }) == nil)
        #expect(CallingWindowRule(.with { $0.start = "9am"; $0.end = "17:00" }) == nil)
    }
}
