import ArgumentParser
import CallStack
import CallStackDomain
import CallStackEvents
import EventLog
import Foundation
import SwiftProtobuf

struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Apply commands from JSON lines, in order, and print each result as a JSON line.",
        discussion: """
            Each line: {"id": COMMAND_ID, "actor": MEMBER_ID, "at": RFC3339_TIME, "command": {...}}, where \
            the command is one field of CommandEnvelope in protobuf's JSON mapping, for example \
            {"createWorkspace": {"workspaceId": "w-1", "name": "Acme", "adminMemberId": "ada", \
            "adminDisplayName": "Ada"}} or {"inviteMember": {"memberId": "bo", "displayName": "Bo", \
            "role": "ROLE_CALLER"}}. A fresh store starts with createWorkspace, which names the first \
            Team Admin. Event ids derive from the command id, so running a file again records nothing \
            new ("replayed"). Output per line: {"id", "status": accepted|replayed|rejected|invalid, \
            "positions": [first, last] or null, "reason"}. Exit status 0 when every command was \
            accepted or replayed, 1 otherwise. Reads standard input when FILE is -.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The JSON-lines file, or - for standard input.")
    var file: String

    func run() async throws {
        let engine = try storeOptions.openEngine()
        defer { engine.close() }
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            text = String(decoding: data, as: UTF8.self)
        }
        var allAccepted = true
        // Character.isNewline: "\r\n" is one Character, so files with Windows line ends split too.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let result = await apply(String(line), number: index + 1, engine: engine)
            allAccepted = allAccepted && result.ok
            print(result.json)
        }
        if !allAccepted { throw ExitCode(1) }
    }

    private func apply(_ line: String, number: Int, engine: Engine) async -> (ok: Bool, json: String) {
        let envelope: Callstack_V1_CommandEnvelope
        do {
            envelope = try Self.envelope(line)
        } catch {
            let message = (error as? ValidationError)?.message ?? "\(error)"
            return (false, #"{"line":\#(number),"status":"invalid","error":\#(ExportLine.quote(message))}"#)
        }
        let id = ExportLine.quote(envelope.commandID)
        do {
            switch try await engine.handle(envelope) {
            case .accepted(let positions, let replayed):
                let range = positions.map { "[\($0.lowerBound),\($0.upperBound)]" } ?? "null"
                return (true, #"{"id":\#(id),"status":"\#(replayed ? "replayed" : "accepted")","positions":\#(range)}"#)
            case .rejected(let rejection):
                return (false, #"{"id":\#(id),"status":"rejected","reason":\#(ExportLine.quote(rejection.description))}"#)
            }
        } catch {
            return (false, #"{"id":\#(id),"status":"error","reason":\#(ExportLine.quote("\(error)"))}"#)
        }
    }

    /// The envelope a line describes.
    static func envelope(_ line: String) throws -> Callstack_V1_CommandEnvelope {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
            throw ValidationError("a line must be a JSON object")
        }
        guard let id = object["id"] as? String, let actor = object["actor"] as? String,
            let at = object["at"] as? String, let command = object["command"] as? [String: Any]
        else { throw ValidationError("a line needs id, actor, at (strings) and command (an object)") }
        let time = try RFC3339.businessTime(at, option: "at")
        var envelope: Callstack_V1_CommandEnvelope
        do {
            envelope = try Callstack_V1_CommandEnvelope(jsonUTF8Data: try JSONSerialization.data(withJSONObject: command))
        } catch {
            throw ValidationError("command does not follow the command schemas: \(error)")
        }
        envelope.commandID = id
        envelope.actorMemberID = actor
        envelope.atMicros = time.micros
        return envelope
    }
}
