// A small service that embeds the CallStack engine: it opens a store, bootstraps a workspace,
// invites a caller, adds a suppression entry, asks whether a number may be called, and prints what
// happened. `make test` builds and runs it (EmbeddingServiceTests).
//
// Usage: EmbeddingService STORE_FOLDER
import CallStack
import CallStackDomain
import CallStackEvents
import Foundation

@main
struct EmbeddingService {
    static func main() async throws {
        guard CommandLine.arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: EmbeddingService STORE_FOLDER\n".utf8))
            exit(64)
        }
        let engine = try Engine.open(at: CommandLine.arguments[1])
        defer { engine.close() }
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)

        var create = Callstack_V1_CreateWorkspace()
        create.workspaceID = "acme-outbound"
        create.name = "Acme Outbound"
        create.adminMemberID = "ada"
        create.adminDisplayName = "Ada Lovelace"
        create.adminEmail = "ada@example.com"
        try await report("create workspace", engine.handle(command("bootstrap-1", by: "ada", at: now, .createWorkspace(create))))

        var invite = Callstack_V1_InviteMember()
        invite.memberID = "bo"
        invite.displayName = "Bo"
        invite.role = .caller
        try await report("invite bo", engine.handle(command("invite-bo", by: "ada", at: now, .inviteMember(invite))))

        var entry = Callstack_V1_AddSuppressionEntry()
        entry.entryID = "dnc-1"
        entry.kind = .phone
        entry.value = "+44 7700 900123"
        entry.reason = "asked not to be called"
        entry.source = "caller"
        try await report("suppress +447700900123", engine.handle(command("dnc-1", by: "ada", at: now, .addSuppressionEntry(entry))))
        try await report("bo suppresses too", engine.handle(command("dnc-2", by: "bo", at: now, .addSuppressionEntry(entry))))

        let hit = try engine.suppression(phone: E164Phone("+447700900123"), email: nil, client: nil, at: BusinessTime(micros: now))
        print("may call +447700900123: \(hit == nil ? "yes" : "no (\(hit?.reason ?? ""))")")
        print("members: \(try engine.workspace().members.keys.sorted().joined(separator: ", "))")
    }

    static func command(
        _ id: String, by actor: String, at micros: Int64, _ command: Callstack_V1_CommandEnvelope.OneOf_Command
    ) -> Callstack_V1_CommandEnvelope {
        var envelope = Callstack_V1_CommandEnvelope()
        envelope.commandID = id
        envelope.actorMemberID = actor
        envelope.atMicros = micros
        envelope.command = command
        return envelope
    }

    static func report(_ what: String, _ outcome: CommandOutcome) {
        switch outcome {
        case .accepted(let positions, let replayed):
            print("\(what): \(replayed ? "already done" : "done")\(positions.map { " at \($0.lowerBound)" } ?? "")")
        case .rejected(let why):
            print("\(what): refused: \(why)")
        }
    }
}
