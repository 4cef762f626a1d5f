public import CallStackDomain
public import CallStackEvents
public import EventLog
public import EventSourcing
public import Projections

/// The audit trail: who did what, when, to which thing, with the before and after of each
/// changed field, for a member, a campaign, a contact or a stream, optionally within a time range.
///
/// The `audit-trail` index (``AuditTrailProjector``, kept by an ``IndexRunner`` in the store's
/// projections folder, with its checkpoint and digest) finds the events; each event's changes come
/// from its stream's history folded up to it (``AuditDocument``). Both are pure functions of the
/// log, so the same log always prints the same trail.
///
/// ```swift
/// let trail = AuditTrail(log: log, projections: store)
/// for entry in try trail.entries(.campaign("spring"), as: "ada") { print(entry.thing, entry.changes) }
/// ```
///
/// Outside this package the trail is read as a member (`readAuditTrail`: Team Admins and Campaign
/// Managers); the unchecked read is the CLI's, as the store's operator.
public struct AuditTrail: Sendable {
    /// Whose trail.
    public enum Subject: Sendable, Equatable {
        /// What the member did, and what was done to their membership.
        case member(String)
        /// The campaign's own stream, and its contacts' enrolments, calls and outcomes.
        case campaign(String)
        /// Everything that happened to the contact, erasure included.
        case contact(String)
        /// One stream, whole.
        case stream(String)

        var indexSubjects: [AuditTrailProjector.Subject] {
            switch self {
            case .member(let id): [.actor(id), .member(id)]
            case .campaign(let id): [.campaign(id)]
            case .contact(let id): [.stream("contact-" + id)]
            case .stream(let stream): [.stream(stream)]
            }
        }
    }

    /// The index that finds a subject's events: caught up before each query, with its digest.
    public let index: IndexRunner<AuditTrailProjector>
    let log: EventLog
    let registry: EventRegistry

    /// The trail of `log`, with its index kept in `projections` (the store's `projections` folder;
    /// `batchSize` events per index transaction).
    public init(log: EventLog, projections: SnapshotStore, registry: EventRegistry = .callstack, batchSize: Int = 8_192) {
        self.log = log
        self.registry = registry
        index = IndexRunner(AuditTrailProjector(), log: log, store: projections, registry: registry, batchSize: batchSize)
    }

    /// The subject's entries in log order, those with a business time in `from...through` when
    /// given. Brings the index up to the head first.
    package func entries(_ subject: Subject, from: BusinessTime? = nil, through: BusinessTime? = nil) throws -> [AuditEntry] {
        try index.catchUp()
        var positions = Set<UInt64>()
        for part in subject.indexSubjects {
            positions.formUnion(AuditTrailProjector.positions(in: try index.keys(prefix: part.prefix), of: part))
        }
        let wanted = positions.sorted()
        var entries = try explained(wanted)
        entries = entries.filter { entry in
            (from.map { entry.at >= $0 } ?? true) && (through.map { entry.at <= $0 } ?? true)
        }
        return entries
    }

    /// ``entries(_:from:through:)`` as `member` may ask it: the audit trail is the
    /// `readAuditTrail` query of the permission matrix, with the member's role as the workspace
    /// knows it now.
    public func entries(_ subject: Subject, as member: String, from: BusinessTime? = nil, through: BusinessTime? = nil) throws -> [AuditEntry] {
        try WorkspaceReader(log: log, registry: registry).queries(as: member).allow(.readAuditTrail)
        return try entries(subject, from: from, through: through)
    }

    /// The entries at `positions`: each stream involved is folded from its start up to the last
    /// position wanted on it.
    private func explained(_ positions: [UInt64]) throws -> [AuditEntry] {
        let records = try positions.compactMap { try log.read(from: $0, limit: 1).first }
        // Each stream is read up to the last version wanted on it, no further.
        var lastWanted: [String: UInt64] = [:]
        for record in records { lastWanted[record.stream] = max(lastWanted[record.stream, default: 0], record.streamVersion) }
        let wanted = Set(positions)
        var byPosition: [UInt64: AuditEntry] = [:]
        for stream in lastWanted.keys.sorted() {
            var document = AuditDocument()
            for record in try log.read(stream: stream, limit: Int(clamping: lastWanted[stream, default: 0])) {
                let event = try DecodedEvent(record, registry: registry)
                let (thing, changes, atMicros) = document.apply(event)
                guard wanted.contains(record.position) else { continue }
                // The command's business time from the payload's `occurred`, else the commit's stamp.
                byPosition[record.position] = AuditEntry(
                    position: record.position, at: BusinessTime(micros: atMicros ?? record.recordedAtMicros), actor: record.actor,
                    stream: record.stream, type: record.type, thing: thing, changes: changes)
            }
        }
        return positions.compactMap { byPosition[$0] }
    }
}
