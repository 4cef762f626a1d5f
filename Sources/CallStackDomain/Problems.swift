/// The problems a decision has found so far, in the order found.
struct Problems {
    private(set) var list: [DomainRejection] = []

    mutating func check(_ condition: Bool, _ problem: DomainRejection) {
        if !condition { list.append(problem) }
    }

    mutating func require(_ value: String, _ field: String) {
        check(!value.isEmpty, .invalidCommand("\(field) is required"))
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
