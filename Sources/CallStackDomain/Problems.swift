/// The problems a decision has found so far, in the order found.
struct Problems {
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
        check(value.utf8.count <= Self.maxIDBytes && !value.contains(":") && !value.utf8.contains(0),
            .invalidCommand("\(field) must have at most \(Self.maxIDBytes) bytes, without ':' or NUL"))
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
