import CallStackEvents
import EventLog
import Foundation
import SwiftProtobuf

/// Random but reproducible logs of CallStack events, with old (v1) events mixed in.
enum RandomLog {
    static func fill(_ log: EventLog, events: Int, seed: UInt64) async throws {
        var generator = Seeded(seed: seed)
        var written = 0
        while written < events {
            let count = Int(generator.next() % 8) + 1
            let stream = "stream-\(generator.next() % 40)"
            let batch = (0..<count).map { _ in event(&generator) }
            let time = Date(timeIntervalSince1970: 1_800_000_000 + Double(written))
            try await log.append(AppendBatch(stream: stream, events: batch), at: time)
            written += count
        }
    }

    static func event(_ generator: inout Seeded) -> ProposedEvent {
        let id = EventID.make(at: Date(timeIntervalSince1970: 1_800_000_000), using: &generator)
        switch generator.next() % 3 {
        case 0:
            var client = Callstack_V1_ClientAdded()
            client.clientID = "client-\(generator.next() % 25)"
            client.name = "Client \(generator.next() % 1000)"
            return ProposedEvent(id: id, type: "ClientAdded", payload: (try? client.serializedBytes()) ?? [])
        case 1:
            var old = Callstack_V1_OutcomeDefinedV1()
            old.outcomeID = "outcome-\(generator.next() % 5)"
            old.requirements = ["notes", "budget"]
            return ProposedEvent(id: id, type: "OutcomeDefined", schemaVersion: 1, payload: (try? old.serializedBytes()) ?? [])
        default:
            var forgotten = Callstack_V1_ContactForgotten()
            forgotten.contactID = "contact-\(generator.next() % 100)"
            return ProposedEvent(id: id, type: "ContactForgotten", payload: (try? forgotten.serializedBytes()) ?? [])
        }
    }

    typealias Seeded = SplitMix64
}
