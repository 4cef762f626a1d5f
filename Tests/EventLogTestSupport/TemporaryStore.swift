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

    deinit {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for entry in entries where entry == name || entry.hasPrefix(name + "-") {
            try? FileManager.default.removeItem(atPath: folder + "/" + entry)
        }
    }

    /// Opens the store with `.unsafeNoSync` unless told otherwise: tests that need durability say so.
    public func open(
        durability: Durability = .unsafeNoSync, initialMapSize: Int = 1 << 30
    ) throws -> EventLog {
        try EventLog.open(at: path, configuration: EventLogConfiguration(durability: durability, initialMapSize: initialMapSize))
    }

    /// Rewrites the store as a compacted copy, so that every live record is in the file exactly
    /// once (copy-on-write leaves stale copies of records in free pages otherwise).
    public func compact() throws {
        let copy = sibling("compacting")
        try? FileManager.default.removeItem(atPath: copy)
        try open(durability: .durable).backup(to: copy)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: copy, toPath: path)
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
