public import EventLog
import Foundation

/// A store folder under the temporary directory that is removed when the value goes away.
///
/// Every test that needs a store gets it here, so paths and clean-up live in one place.
public final class TemporaryStore: Sendable {
    public let path: String

    public init(_ label: String = "store") {
        let name = "callstack-\(label)-\(UUID().uuidString.prefix(8))"
        path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Opens the store with `.unsafeNoSync` unless told otherwise: tests that need durability say so.
    public func open(
        durability: Durability = .unsafeNoSync, initialMapSize: Int = 1 << 30
    ) throws -> EventLog {
        try EventLog.open(at: path, configuration: EventLogConfiguration(durability: durability, initialMapSize: initialMapSize))
    }

    /// A path beside the store, removed with it.
    public func sibling(_ name: String) -> String { path + "-" + name }

    /// The bytes of the store's data file.
    public var dataFile: String { path + "/data.mdb" }
}

/// Small builders for events in tests.
public enum Sample {
    /// An event whose payload is `text` in UTF-8.
    public static func event(_ type: String = "Happened", _ text: String = "", id: EventID = .make()) -> ProposedEvent {
        ProposedEvent(id: id, type: type, actor: "tester", payload: Array(text.utf8))
    }

    public static func batch(
        _ stream: String, _ expected: ExpectedVersion = .any, count: Int = 1, type: String = "Happened"
    ) -> AppendBatch {
        AppendBatch(stream: stream, expected: expected, events: (0..<count).map { event(type, "\(stream) #\($0)") })
    }
}
