import ArgumentParser
import CallStack
import CallStackDomain
import EventLog
import EventSourcing
import Foundation

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Print the audit trail of a member, a campaign, a contact or a stream: who did what, when, and each field's before and after.",
        discussion: """
            member ID: what the member did, and what was done to their membership. campaign ID: the campaign's \
            own events, and its contacts' enrolments, calls and outcomes. contact ID: the contact's whole life, \
            erasure included. stream NAME: one stream. Entries come in log order with the command's business \
            time; personal values show as (sealed), never opened (a sealed value replaced by another shows as a change). --from and --at keep the entries whose time \
            is in that range (--at: the trail as it stood then). With --as, the trail is read as that member \
            may read it (Team Admins and Campaign Managers); without, as the store's operator. The trail comes \
            from the audit-trail index in the store's projections folder, brought up to the head first (its \
            keys and checkpoint are written in one transaction, so a crash never leaves them apart). With \
            --json, one JSON object per entry.
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case member, campaign, contact, stream
    }

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "What to trace: member, campaign, contact or stream.")
    var kind: Kind

    @Argument(help: "Its id (a stream's name for stream).")
    var id: String

    @Option(name: .customLong("as"), help: "Read the trail as this member; refused unless their role may read the audit trail.")
    var member: String?

    @Option(help: "Only entries at or after this RFC 3339 time.")
    var from: String?

    @Option(help: "Only entries at or before this RFC 3339 time: the trail as it stood then.")
    var at: String?

    @Flag(help: "Print one JSON object per entry instead of text.")
    var json = false

    /// For the crash tests: print each batch's checkpoint as it commits.
    @Flag(help: .hidden) var traceCommits = false
    /// For the crash tests: events per index transaction.
    @Option(help: .hidden) var indexBatch = 8_192

    func run() throws {
        let from = try time(self.from, "--from"), through = try time(at, "--at")
        let log = try storeOptions.open(readOnly: true)
        let store = try SnapshotStore.open(at: SnapshotStore.folder(forStore: storeOptions.store))
        defer { store.close() }
        let trail = AuditTrail(log: log, projections: store, batchSize: indexBatch)
        try trail.index.catchUp { position in
            guard traceCommits else { return }
            FileHandle.standardOutput.write(Data("committed \(position)\n".utf8))
        }
        let subject: AuditTrail.Subject = switch kind {
        case .member: .member(id)
        case .campaign: .campaign(id)
        case .contact: .contact(id)
        case .stream: .stream(id)
        }
        let entries: [AuditEntry]
        do {
            entries = try member.map { try trail.entries(subject, as: $0, from: from, through: through) }
                ?? trail.entries(subject, from: from, through: through)
        } catch let refusal as DomainRejection {
            throw ValidationError(refusal.description)
        }
        for entry in entries { print(json ? Self.json(entry) : Self.text(entry)) }
        if !json { FileHandle.standardError.write(Data("\(entries.count) entries\n".utf8)) }
    }

    private func time(_ text: String?, _ option: String) throws -> BusinessTime? {
        try text.map { try RFC3339.businessTime($0, option: option) }
    }

    static func text(_ entry: AuditEntry) -> String {
        var lines = ["#\(entry.position)  \(RFC3339.format(micros: entry.at.micros))  \(entry.actor)  \(entry.type)  \(entry.thing)"]
        for change in entry.changes {
            lines.append("    \(change.field): \(change.before ?? "(none)") → \(change.after ?? "(none)")")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ entry: AuditEntry) -> String {
        let changes = entry.changes.map { change in
            #"{"field":\#(ExportLine.quote(change.field)),"before":\#(change.before.map(ExportLine.quote) ?? "null"),"after":\#(change.after.map(ExportLine.quote) ?? "null")}"#
        }
        return #"{"position":\#(entry.position),"at":"\#(RFC3339.format(micros: entry.at.micros))","actor":\#(ExportLine.quote(entry.actor)),"stream":\#(ExportLine.quote(entry.stream)),"type":\#(ExportLine.quote(entry.type)),"thing":\#(ExportLine.quote(entry.thing)),"changes":[\#(changes.joined(separator: ","))]}"#
    }
}
