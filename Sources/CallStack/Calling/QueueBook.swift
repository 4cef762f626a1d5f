import EventSourcing
import Projections

/// The engine's live queue: the queue-lanes projection kept caught up with the log, and the
/// in-memory leases that keep two callers from ever being handed the same contact between the
/// choice and the reservation's commit. Held under the engine's lock (``Engine/queueBook``).
struct QueueBook: Sendable {
    var lanes = Projection(QueueLanesProjector())
    /// "campaign\u{0}contact" → the caller it is being reserved for.
    var leases: [String: String] = [:]

    static func leaseKey(_ campaignID: String, _ contactID: String) -> String { campaignID + "\u{0}" + contactID }
}
