public import CallStackEvents
public import EventSourcing
public import SwiftProtobuf

/// The suppression events of a list's stream (`workspace` for the global list, `client-<id>`).
public enum SuppressionEvent: Sendable, Equatable {
    case added(SuppressionEntry)
    case removed(entryID: String)
    /// Anything else on the stream.
    case other

    /// The domain view of an event read from the log; `clientID` names the list the stream holds
    /// (empty for the global list), so entries of another list on the same stream are ignored.
    public init(_ event: DecodedEvent, list clientID: String) {
        switch event.message {
        case let added as Callstack_V1_SuppressionEntryAdded where added.clientID == clientID:
            self = Self.entry(added).map { .added($0) } ?? .other
        case let removed as Callstack_V1_SuppressionEntryRemoved where removed.clientID == clientID:
            self = .removed(entryID: removed.entryID.isEmpty ? "phone:" + removed.phoneE164 : removed.entryID)
        default:
            self = .other
        }
    }

    private static func entry(_ added: Callstack_V1_SuppressionEntryAdded) -> SuppressionEntry? {
        let legacy = added.kind == .unspecified
        guard let kind = legacy ? .phone : SuppressionEntry.Kind(added.kind) else { return nil }
        return SuppressionEntry(
            id: added.entryID.isEmpty ? "phone:" + added.phoneE164 : added.entryID, kind: kind,
            value: legacy ? added.phoneE164 : added.value, reason: added.reason, source: added.source,
            addedBy: added.occurred.actorMemberID, addedAt: BusinessTime(added.occurred),
            expiresAt: added.expiresAtMicros == 0 ? nil : BusinessTime(micros: added.expiresAtMicros))
    }

    /// The message to record on the list `clientID` (empty: global), with its type name; nil for
    /// ``other``.
    public func recorded(clientID: String, occurred: Callstack_V1_Occurrence) -> (type: String, message: any SwiftProtobuf.Message)? {
        switch self {
        case .added(let entry):
            var added = Callstack_V1_SuppressionEntryAdded()
            added.occurred = occurred
            added.clientID = clientID
            added.entryID = entry.id
            added.kind = entry.kind.message
            added.value = entry.value
            added.reason = entry.reason
            added.source = entry.source
            added.expiresAtMicros = entry.expiresAt?.micros ?? 0
            return ("SuppressionEntryAdded", added)
        case .removed(let entryID):
            var removed = Callstack_V1_SuppressionEntryRemoved()
            removed.occurred = occurred
            removed.clientID = clientID
            removed.entryID = entryID
            return ("SuppressionEntryRemoved", removed)
        case .other:
            return nil
        }
    }
}
