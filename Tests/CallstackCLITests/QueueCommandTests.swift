import EventLogTestSupport
import Foundation
import Testing

/// The calling commands as a user runs them: the demo's story on a small generated workspace,
/// then the queue, an explanation, a preview card, a reservation and advance.
@Suite("The queue on the command line", .serialized, .timeLimit(.minutes(3)))
struct QueueCommandTests {
    @Test("demo story, then queue (text and JSON), queue why, card, next and advance on its store")
    func story() throws {
        let store = TemporaryStore("queue-cli")
        let demo = try CommandLineTool.run(["demo", "--store", store.path, "--contacts", "40", "--callers", "2", "--days", "1"])
        #expect(demo.status == 0, "\(demo.errorOutput)")
        for section in ["generated ", "== queue lanes: spring-renewals", "== preview card: ", "== audit: contact ", "== queue why: ", "== verify\nok: "] {
            #expect(demo.output.contains(section), "missing \(section): \(demo.output)")
        }
        let queue = try CommandLineTool.run(["queue", "--campaign", "spring-renewals", "--json", "--store", store.path])
        #expect(queue.status == 0, "\(queue.errorOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(queue.output.utf8)) as? [String: Any])
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(Set(counts.keys) == ["callback", "hot-lead", "redistributable", "retry", "priority"])
        #expect(object["mode"] as? String == "preview")
        // The demo's hint names a contact; explain it then, and show its card.
        let hint = try #require(demo.output.split(separator: "\n").first { $0.contains("callstack queue why ") })
        let words = hint.split(separator: " ").map(String.init)
        let contact = try #require(words.firstIndex(of: "why").map { words[$0 + 1] })
        let why = try CommandLineTool.run(["queue", "why", contact, "--campaign", "spring-renewals", "--at", "2027-01-11T12:00:00Z", "--store", store.path])
        #expect(why.status == 0 && why.output.contains("because   "), "\(why.output) \(why.errorOutput)")
        let card = try CommandLineTool.run(["card", contact, "--campaign", "spring-renewals", "--at", "2027-01-12T09:00:00Z", "--as", "admin", "--store", store.path])
        #expect(card.status == 0 && card.output.contains("outcome   meeting Meeting booked  needs: notes, meeting"), "\(card.output) \(card.errorOutput)")
        let stranger = try CommandLineTool.run(["card", contact, "--campaign", "spring-renewals", "--as", "nobody", "--store", store.path])
        #expect(stranger.status != 0, "a stranger may not read the card")
        let next = try CommandLineTool.run(["next", "--caller", "caller-01", "--campaign", "spring-renewals", "--at", "2027-01-12T09:30:00Z", "--store", store.path])
        #expect(next.status == 0 && (next.output.hasPrefix("reserved ") || next.output.hasPrefix("none")), "\(next.output) \(next.errorOutput)")
        let advance = try CommandLineTool.run(["advance", "--to", "2027-01-12T10:00:00Z", "--as", "admin", "--store", store.path])
        #expect(advance.status == 0 && advance.output.hasPrefix("advanced to 2027-01-12T10:00:00Z: "), "\(advance.output) \(advance.errorOutput)")
        if next.output.hasPrefix("reserved ") { #expect(advance.output.contains(": 1 expired"), "the reservation of 09:30 expired at 09:40: \(advance.output)") }
        // A released contact's own due callback surfaces at the next advance; after that, nothing is left.
        _ = try CommandLineTool.run(["advance", "--to", "2027-01-12T10:00:00Z", "--as", "admin", "--store", store.path])
        let again = try CommandLineTool.run(["advance", "--to", "2027-01-12T10:00:00Z", "--as", "admin", "--store", store.path])
        #expect(again.output.contains(": 0 expired, 0 escalated, 0 callbacks due"), "nothing twice: \(again.output)")
    }
}
