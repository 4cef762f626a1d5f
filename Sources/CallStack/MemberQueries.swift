public import CallStackDomain
import EventSourcing

/// The engine's queries as one member may ask them: each is checked against the
/// ``PermissionMatrix`` with the member's role as the workspace knows it now, and refused with a
/// ``DomainRejection`` otherwise.
///
/// ```swift
/// let view = engine.queries(as: "bo")
/// let entries = try view.suppressionEntries(client: "acme")   // notAuthorized for a Caller
/// ```
public struct MemberQueries: Sendable {
    let engine: Engine
    public let memberID: String

    /// The workspace's members and clients (`readWorkspace`).
    public func workspace() throws -> WorkspaceState {
        let state = try engine.workspace()
        try allow(.readWorkspace, in: state)
        return state
    }

    /// The entries of the global list (`client` nil) or a client's list, by id (`readSuppression`).
    public func suppressionEntries(client: String? = nil) throws -> [SuppressionEntry] {
        try allow(.readSuppression, in: try engine.workspace())
        let list = try engine.suppressionList(client: client)
        return list.entries.keys.sorted().compactMap { list.entries[$0] }
    }

    /// Whether a contact's phone or email may be called for `client`'s campaigns (`readContacts`:
    /// callers see it in preview).
    public func suppression(phone: E164Phone?, email: String?, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        try allow(.readContacts, in: try engine.workspace())
        return try engine.suppression(phone: phone, email: email, client: client, at: time)
    }

    private func allow(_ action: Action, in state: WorkspaceState) throws {
        let actor = CommandActor(memberID: memberID, role: state.activeRole(of: memberID), atMicros: 0)
        try PermissionMatrix.standard.check(actor, action).get()
    }
}

extension Engine {
    /// The queries `member` may ask, checked against the permission matrix.
    public func queries(as member: String) -> MemberQueries {
        MemberQueries(engine: self, memberID: member)
    }
}
