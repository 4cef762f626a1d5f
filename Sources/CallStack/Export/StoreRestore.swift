public import EventLog
import Foundation
import PersonalData

/// Loads an export into a new store: `callstack restore`.
///
/// The store is built in a scratch folder beside the target and moved into place only once every
/// line has loaded, the chain ends in the export's last hash and `verify` passes; on any error the
/// scratch folder is removed, so a bad file leaves nothing behind.
public enum StoreRestore {
    /// What a restore did.
    public struct Report: Sendable, Equatable {
        public let events: Int
        public let head: LogHead
        /// Key-store entries loaded from the bundle; nil without one.
        public let keyEntries: Int?
        /// `ContactCreated` events whose personal fields read as erased because no keys came along.
        public let sealedWithoutKeys: Int
    }

    /// The key bundle to load, and its passphrase.
    public struct Keys: Sendable {
        public let bundle: [UInt8]
        public let passphrase: String

        public init(bundle: [UInt8], passphrase: String) {
            self.bundle = bundle
            self.passphrase = passphrase
        }
    }

    /// Restores the export at `file` into `target`, which must not exist or be an empty folder.
    /// `progress` gets the bytes read and the file's size.
    public static func restore(
        from file: String, into target: String, keys: Keys? = nil, progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> Report {
        try checkTarget(target)
        let scratch = target + ".restoring"
        try? FileManager.default.removeItem(atPath: scratch)
        do {
            let report = try await load(file, into: scratch, keys: keys, progress: progress)
            try? FileManager.default.removeItem(atPath: target)
            do {
                try FileManager.default.moveItem(atPath: scratch, toPath: target)
            } catch {
                throw ExportError.io("cannot move the restored store to \(target): \(error.localizedDescription)")
            }
            let parent = (target as NSString).deletingLastPathComponent
            try? FileSync.flush(parent.isEmpty ? "." : parent)
            return report
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw error
        }
    }

    private static func load(_ file: String, into scratch: String, keys: Keys?, progress: (Int, Int) -> Void) async throws -> Report {
        let size = ((try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber)?.intValue ?? 0
        var lines = try LineStream(path: file)
        // Durable: once restore says "verify ok", a power cut cannot take the tail back.
        let log = try EventLog.open(at: scratch, configuration: EventLogConfiguration(durability: .durable))
        defer { log.close() }
        var chunk: [RecordedEvent] = []
        var lineNumber = 0
        var events = 0
        var sealed = 0
        while let line = try lines.next() {
            lineNumber += 1
            if line.isEmpty { continue }
            let record = try ExportLine.decode(line, lineNumber: lineNumber)
            if record.type == "ContactCreated" { sealed += 1 }
            chunk.append(record)
            if chunk.count == 4_096 {
                try await load(chunk, into: log, endingAt: lineNumber)
                events += chunk.count
                chunk.removeAll(keepingCapacity: true)
                progress(lines.bytesRead, size)
            }
        }
        try await load(chunk, into: log, endingAt: lineNumber)
        events += chunk.count
        progress(lines.bytesRead, size)
        let verified = try log.verify()
        var entries: Int?
        if let keys {
            entries = try KeyBundle.restore(keys.bundle, passphrase: keys.passphrase, into: SubjectKeyStore.folder(forStore: scratch))
        }
        return Report(events: events, head: verified.head, keyEntries: entries, sealedWithoutKeys: keys == nil ? sealed : 0)
    }

    private static func load(_ records: [RecordedEvent], into log: EventLog, endingAt line: Int) async throws {
        do {
            try await log.restore(records)
        } catch let error as EventLogError {
            throw ExportError.inconsistent("the lines up to \(line): \(error)")
        }
    }

    private static func checkTarget(_ target: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target)) ?? ["?"]
        guard isFolder.boolValue, entries.isEmpty else {
            throw ExportError.io("\(target) is not empty: restore loads into a new store only")
        }
    }
}
