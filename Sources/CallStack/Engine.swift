import CallStackDomain
import CallStackEvents
public import EventLog
import EventSourcing
public import Foundation
public import PersonalData
import SwiftProtobuf
import Synchronization

/// The engine to embed: one store folder holding the log and, in `keys/`, the key store.
///
/// ```swift
/// let engine = try Engine.open(at: "/var/lib/callstack")
/// try await engine.forgetContact("c-17", by: "admin-1", at: Date())
/// ```
///
/// The engine owns the key store alone (see ``KeyValueStore``): open one engine per store, and
/// share it within the process.
public final class Engine: Sendable {
    /// The append-only log: the only truth.
    public let log: EventLog
    /// The key store: subject keys and keyed hashes, never in the log.
    public let keys: SubjectKeyStore
    let registry: EventRegistry
    /// What contact search runs on, caught up with the log at each search.
    let contactIndex = ContactSearchIndex()
    /// Held while a contact's keyed hashes are brought in line with its stream, so that two
    /// reconciliations never interleave their read and their write.
    let lookupsLock = Mutex(())
    /// The live queue lanes and the leases of contacts being handed out (``next(caller:campaign:at:)``).
    let queueBook = Mutex(QueueBook())
    /// The workspace's, campaigns' and suppression lists' folds, reused while their streams stand still.
    let folds = FoldCache()
    /// What the log's recorded-at stamps are: the wall clock, or the commands' business time (a
    /// generated workload: the same seed then gives a byte-identical log).
    let stamps: RecordedAtStamps

    /// Opens (creating when missing) the store at `path`.
    ///
    /// - Parameter keySource: where new subject keys come from: ``KeySource/system`` for real data,
    ///   a seeded source only for tests, benchmarks and the demo.
    /// - Parameter stamps: ``RecordedAtStamps/wallClock`` for real use; `businessTime` only for
    ///   generated workloads, whose logs must be byte-identical from run to run.
    public static func open(
        at path: String, keySource: KeySource = .system, durability: Durability = .durable, stamps: RecordedAtStamps = .wallClock
    ) throws -> Engine {
        let log = try EventLog.open(at: path, configuration: EventLogConfiguration(durability: durability))
        let keys = try SubjectKeyStore.open(
            at: SubjectKeyStore.folder(forStore: path), keySource: keySource, durability: durability)
        return Engine(log: log, keys: keys, registry: .callstack, stamps: stamps)
    }

    init(log: EventLog, keys: SubjectKeyStore, registry: EventRegistry, stamps: RecordedAtStamps = .wallClock) {
        self.log = log
        self.keys = keys
        self.registry = registry
        self.stamps = stamps
    }

    /// The recorded-at stamp to ask for when appending what a command at `micros` decided.
    func stamp(_ micros: Int64) -> Date {
        switch stamps {
        case .wallClock: Date()
        case .businessTime: Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        }
    }

    /// Closes the key store and the log.
    public func close() {
        keys.close()
        log.close()
    }

    /// The stream of a contact.
    public static func contactStream(_ contactID: String) -> String { "contact-" + contactID }

    /// Erases a contact's personal data: a Team Admin command (``handle(_:)`` with `ForgetContact`
    /// under a fresh command id).
    ///
    /// Deletes the contact's key and keyed hashes (compacting the key store, so the bytes leave the
    /// disk), then appends `ContactForgotten`, which holds no personal data. Keys go first: a crash
    /// in between leaves the data erased, and running the command again records the event.
    /// Forgetting a forgotten contact records no second `ContactForgotten`.
    ///
    /// - Throws: ``DomainRejection`` when the actor is not a Team Admin or the contact does not
    ///   exist (nothing is deleted then); ``PersonalDataError`` for an id that cannot name a
    ///   contact; ``EventLogError`` when the store fails.
    @discardableResult
    public func forgetContact(_ contactID: String, by member: String, at time: Date) async throws -> ForgetContactResult {
        _ = try DataSubject(.contact, contactID)
        guard let micros = time.unixMicroseconds else { throw DomainRejection.invalidCommand("the command time is not a finite date") }
        var forget = Callstack_V1_ForgetContact()
        forget.contactID = contactID
        let envelope = Self.envelope(.forgetContact(forget), id: "forget-" + EventID.make().description, by: member, atMicros: micros)
        let (outcome, report) = try await forgetting(forget, envelope)
        switch outcome {
        case .rejected(let rejection):
            throw rejection
        case .accepted(let positions, _):
            guard let report else { throw DomainRejection.invalidCommand("the forget decided nothing") }
            return ForgetContactResult(report: report, position: positions?.upperBound)
        }
    }

    /// Writes a consistent copy of the log into `directory` and of the key store into
    /// `directory/keys`: a backup that restores personal data too.
    public func backup(to directory: String) throws {
        try log.backup(to: directory)
        try keys.backup(to: SubjectKeyStore.folder(forStore: directory))
    }
}

/// Where the log's recorded-at stamps come from (the log keeps them non-decreasing either way).
public enum RecordedAtStamps: Sendable {
    /// The commit's wall-clock time: real use.
    case wallClock
    /// The command's business time: generated workloads, so that a seed gives a byte-identical log.
    case businessTime
}

/// What ``Engine/forgetContact(_:by:at:)`` did.
public struct ForgetContactResult: Sendable, Equatable {
    /// What the key store deleted.
    public let report: ForgetReport
    /// The position of the `ContactForgotten` event; nil when the contact was already forgotten.
    public let position: UInt64?
}
