public import CallStackDomain
import CallStackEvents
public import EventLog
import EventSourcing
public import Foundation
public import PersonalData
import SwiftProtobuf

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
    public let log: EventLog
    public let keys: SubjectKeyStore
    let registry: EventRegistry

    /// Opens (creating when missing) the store at `path`.
    ///
    /// - Parameter keySource: where new subject keys come from: ``KeySource/system`` for real data,
    ///   a seeded source only for tests, benchmarks and the demo.
    public static func open(
        at path: String, keySource: KeySource = .system, durability: Durability = .durable
    ) throws -> Engine {
        let log = try EventLog.open(at: path, configuration: EventLogConfiguration(durability: durability))
        let keys = try SubjectKeyStore.open(
            at: SubjectKeyStore.folder(forStore: path), keySource: keySource, durability: durability)
        return Engine(log: log, keys: keys, registry: .callstack)
    }

    init(log: EventLog, keys: SubjectKeyStore, registry: EventRegistry) {
        self.log = log
        self.keys = keys
        self.registry = registry
    }

    /// Closes the key store and the log.
    public func close() {
        keys.close()
        log.close()
    }

    /// The stream of a contact.
    public static func contactStream(_ contactID: String) -> String { "contact-" + contactID }

    /// The workspace's members (roles, activity, labour rates) and clients, as of the head of the log.
    public func workspace() throws -> WorkspaceState {
        WorkspaceDecider().fold(try StreamHistory(of: "workspace", in: log, registry: registry).events.map(WorkspaceEvent.init))
    }

    /// Erases a contact's personal data: a Team Admin command.
    ///
    /// Deletes the contact's key and keyed hashes (compacting the key store, so the bytes leave the
    /// disk), then appends `ContactForgotten`, which holds no personal data. Keys go first: a crash
    /// in between leaves the data erased, and running the command again records the event.
    /// Forgetting a forgotten contact records nothing more.
    ///
    /// - Throws: ``DomainRejection`` when the actor is not a Team Admin or the contact does not
    ///   exist (nothing is deleted then); ``PersonalDataError`` or ``EventLogError`` otherwise.
    @discardableResult
    ///
    /// `eventID` and `causation` name the `ContactForgotten` event (``handle(_:)`` derives them from
    /// the command id); by default the event gets a fresh id.
    public func forgetContact(
        _ contactID: String, by member: String, at time: Date, eventID: EventID = .make(), causation: EventID? = nil
    ) async throws -> ForgetContactResult {
        let subject = try DataSubject(.contact, contactID)
        var command = Callstack_V1_ForgetContact()
        command.contactID = contactID
        let stream = Self.contactStream(contactID)
        while true {
            guard let micros = time.unixMicroseconds else {
                throw DomainRejection.invalidCommand("the command time is not a finite date")
            }
            let actor = CommandActor(memberID: member, role: try workspace().activeRole(of: member), atMicros: micros)
            let history = try StreamHistory(of: stream, in: log, registry: registry)
            let decider = ContactErasure()
            let events = try decider.decide(
                ContactErasure.Command(command, by: actor), after: history.events.map(ContactEvent.init)
            ).get()
            let report = try keys.forget(subject)
            guard !events.isEmpty else { return ForgetContactResult(report: report, position: nil) }
            do {
                let appended = try await log.append(
                    AppendBatch(stream: stream, expected: .exact(history.version), events: try events.map {
                        try proposed($0, by: member, id: eventID, causation: causation)
                    }))
                return ForgetContactResult(report: report, position: appended.positions.upperBound)
            } catch let error as EventLogError where error.code == .wrongExpectedVersion {
                continue  // the stream moved on meanwhile: decide again on its new history
            }
        }
    }

    private func proposed(_ event: ContactEvent, by member: String, id: EventID, causation: EventID?) throws -> ProposedEvent {
        guard let (type, message) = event.recorded else {
            throw DomainRejection.invalidCommand("a decider returned an event it cannot record")
        }
        return ProposedEvent(id: id, type: type, actor: member, causationID: causation, payload: try message.serializedBytes())
    }

    /// Writes a consistent copy of the log into `directory` and of the key store into
    /// `directory/keys`: a backup that restores personal data too.
    public func backup(to directory: String) throws {
        try log.backup(to: directory)
        try keys.backup(to: SubjectKeyStore.folder(forStore: directory))
    }
}

/// What ``Engine/forgetContact(_:by:at:)`` did.
public struct ForgetContactResult: Sendable, Equatable {
    /// What the key store deleted.
    public let report: ForgetReport
    /// The position of the `ContactForgotten` event; nil when the contact was already forgotten.
    public let position: UInt64?
}
