import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import PersonalData
import Projections
import Synchronization

/// The in-memory index contact search runs on: the `contact-directory` read model, caught up
/// with the log before each search; the contact ids in order, for paging; and the names opened
/// so far, folded for matching. Opened names live in memory only, never in a snapshot, and a
/// forgotten contact's is dropped as soon as its `ContactForgotten` is seen.
final class ContactSearchIndex: Sendable {
    /// What a search filters on, resolved by the engine (phone and email already looked up).
    struct Criteria {
        var name: String?
        /// Contacts found through the keyed-hash index; nil when no phone or email was asked.
        var subjects: Set<String>?
        var company: String?
        var source: String?
        var status: String?
        var campaign: String?
        var includeArchived = false
        /// For a Caller: whether a campaign assigns them; nil for roles that see every contact.
        var visible: ((String) throws -> Bool)?
    }

    private struct State {
        var directory = Projection(ContactDirectoryProjector())
        var ids: [String] = []
        /// Contact id → the name box last opened, and its folded text.
        var names: [String: (box: [UInt8], folded: String)] = [:]
    }

    private let state = Mutex(State())

    /// The first `limit` contacts matching `criteria` after `after`, with their directory
    /// entries; how many match in all, and how many after `after`.
    func search(
        _ criteria: Criteria, after: String?, limit: Int, log: EventLog, registry: EventRegistry, keys: SubjectKeyStore
    ) throws -> (page: [(id: String, entry: ContactDirectoryProjector.Entry)], total: Int, remaining: Int) {
        try state.withLock { state in
            try Self.catchUp(&state, log: log, registry: registry)
            var page: [(id: String, entry: ContactDirectoryProjector.Entry)] = []
            var total = 0, remaining = 0
            let candidates = criteria.subjects.map { $0.sorted() } ?? state.ids
            for id in candidates {
                guard let entry = state.directory.state[id], try Self.matches(entry, id, criteria, &state.names, keys) else { continue }
                total += 1
                guard after.map({ id > $0 }) ?? true else { continue }
                remaining += 1
                if page.count < limit { page.append((id, entry)) }
            }
            return (page, total, remaining)
        }
    }

    /// Folds what the log gained; re-sorts the ids when contacts were added (entries are never
    /// removed), and drops the opened names of contacts forgotten since.
    private static func catchUp(_ state: inout State, log: EventLog, registry: EventRegistry) throws {
        let applied = state.directory.eventsApplied
        defer {
            if state.ids.count != state.directory.state.count { state.ids = state.directory.state.keys.sorted() }
            if state.directory.eventsApplied != applied, !state.names.isEmpty {
                let directory = state.directory.state
                state.names = state.names.filter { id, _ in directory[id]?.forgotten == false }
            }
        }
        try state.directory.catchUp(from: log, registry: registry)
    }

    private static func matches(
        _ entry: ContactDirectoryProjector.Entry, _ id: String, _ criteria: Criteria,
        _ names: inout [String: (box: [UInt8], folded: String)], _ keys: SubjectKeyStore
    ) throws -> Bool {
        if entry.forgotten {
            names[id] = nil
            return false
        }
        if entry.archived && !criteria.includeArchived { return false }
        if let source = criteria.source, entry.source.lowercased() != source.lowercased() { return false }
        if let campaign = criteria.campaign, entry.enrolments[campaign] == nil { return false }
        if let status = criteria.status {
            let statuses = criteria.campaign.map { [entry.enrolments[$0] ?? ""] } ?? Array(entry.enrolments.values)
            guard statuses.contains(status) else { return false }
        }
        if let company = criteria.company, !folded(entry.company).contains(company) { return false }
        if let visible = criteria.visible, try !entry.enrolments.keys.contains(where: visible) { return false }
        if let name = criteria.name {
            guard try openedName(entry, id, &names, keys).contains(name) else { return false }
        }
        return true
    }

    /// The contact's name, folded, opened once per name box.
    private static func openedName(
        _ entry: ContactDirectoryProjector.Entry, _ id: String, _ names: inout [String: (box: [UInt8], folded: String)], _ keys: SubjectKeyStore
    ) throws -> String {
        if let cached = names[id], cached.box == entry.name { return cached.folded }
        let opened = try keys.open(ContactDirectoryProjector.sealed(entry.name), of: try DataSubject(.contact, id), field: .contactName)
        let text = folded(opened.text ?? "")
        names[id] = (entry.name, text)
        return text
    }

    /// `text` as search compares it: without case, accents or width differences.
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
