import SwiftProtobuf

/// The problems a decision has found so far, in the order found.
package struct Problems {
    private(set) var list: [DomainRejection] = []

    mutating func check(_ condition: Bool, _ problem: DomainRejection) {
        if !condition { list.append(problem) }
    }

    mutating func add(_ problem: DomainRejection) {
        list.append(problem)
    }

    mutating func require(_ value: String, _ field: String) {
        check(!value.isEmpty, .invalidCommand("\(field) is required"))
    }

    /// The most bytes an id may have: it names a data subject (members) or a stream (clients).
    static let maxIDBytes = 200

    /// A required id: 1 to ``maxIDBytes`` bytes, without `:` or NUL (the separators of subject
    /// names and index keys).
    mutating func requireID(_ value: String, _ field: String) {
        require(value, field)
        check(value.isEmpty || Self.isValidID(value),
            .invalidCommand("\(field) must have at most \(Self.maxIDBytes) bytes, without ':' or NUL"))
    }

    /// True for an id that may name a subject or a stream: 1 to ``maxIDBytes`` bytes, without `:`
    /// or NUL.
    package static func isValidID(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= maxIDBytes && !value.contains(":") && !value.utf8.contains(0)
    }

    /// A value of an enum this code knows: not one a newer writer added (`UNRECOGNIZED`).
    mutating func known<E: SwiftProtobuf.Enum & CaseIterable>(_ value: E, _ field: String) {
        check(E.allCases.contains(value), .invalidCommand("\(field) holds a value this engine does not know (\(value.rawValue))"))
    }

    /// Records the refusal when `actor`'s role does not allow `action`.
    mutating func permit(_ actor: CommandActor, _ action: Action) {
        if case .failure(let refusal) = PermissionMatrix.standard.check(actor, action) { add(refusal) }
    }

    /// Records `problem` and returns no events.
    mutating func fail<Event>(_ problem: DomainRejection) -> [Event] {
        list.append(problem)
        return []
    }

    mutating func member(_ id: String, in state: WorkspaceState) -> WorkspaceState.Member? {
        guard let member = state.members[id] else {
            list.append(.notFound("member \(id)"))
            return nil
        }
        return member
    }

    mutating func client(_ id: String, in state: WorkspaceState) -> WorkspaceState.Client? {
        guard let client = state.clients[id] else {
            list.append(.notFound("client \(id)"))
            return nil
        }
        return client
    }
}
