import CallStackDomain
public import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import PersonalData

extension Engine {
    /// Decides a command and records its events: the one entry point for every command.
    ///
    /// - The command id makes handling idempotent: the events' ids derive from it
    ///   (``CommandEventID``), so a command handled before is recognised and answered with
    ///   ``CommandOutcome/accepted(positions:replayed:)`` without deciding again.
    /// - A refusal is ``CommandOutcome/rejected(_:)`` and records nothing.
    /// - A stream that moved on between the decision and the append is read again and the command
    ///   decided again.
    ///
    /// - Throws: only for failures of the store itself (``EventLogError``, ``PersonalDataError``).
    public func handle(_ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        guard !envelope.commandID.isEmpty, !envelope.actorMemberID.isEmpty else {
            return .rejected(.invalidCommand("a command needs a command_id and an actor_member_id"))
        }
        switch envelope.command {
        case .forgetContact(let forget):
            return try await handleForget(forget, envelope)
        case .none:
            return .rejected(.invalidCommand("the envelope holds no command"))
        case .some(let command):
            guard let request = Self.workspaceRequest(command) else {
                return .rejected(.invalidCommand("this engine does not handle that command yet"))
            }
            return try await handleWorkspace(request, envelope)
        }
    }

    private static func workspaceRequest(_ command: Callstack_V1_CommandEnvelope.OneOf_Command) -> WorkspaceDecider.Request? {
        switch command {
        case .createWorkspace(let create): .create(create)
        case .inviteMember(let invite): .invite(invite)
        case .changeMemberRole(let change): .changeRole(change)
        case .deactivateMember(let deactivate): .deactivate(deactivate)
        case .reactivateMember(let reactivate): .reactivate(reactivate)
        case .setLabourRate(let rate): .setLabourRate(rate)
        case .addClient(let add): .addClient(add)
        case .renameClient(let rename): .renameClient(rename)
        case .archiveClient(let archive): .archiveClient(archive)
        case .forgetContact: nil
        }
    }

    private func handleWorkspace(_ request: WorkspaceDecider.Request, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        let first = CommandEventID.make(command: envelope.commandID, index: 0, atMicros: envelope.atMicros)
        if let position = try log.position(of: first) { return .accepted(positions: position...position, replayed: true) }
        var occurred = Callstack_V1_Occurrence()
        occurred.atMicros = envelope.atMicros
        occurred.actorMemberID = envelope.actorMemberID
        let recording = WorkspaceRecording(keys: keys, occurred: occurred)
        let decider = WorkspaceDecider()
        while true {
            let history = try StreamHistory(of: "workspace", in: log, registry: registry)
            let decided = decider.decide(
                WorkspaceDecider.Command(request, by: envelope.actorMemberID, atMicros: envelope.atMicros),
                after: history.events.map(WorkspaceEvent.init))
            let events: [WorkspaceEvent]
            switch decided {
            case .failure(let rejection): return .rejected(rejection)
            case .success(let decidedEvents): events = decidedEvents
            }
            let proposed = try events.enumerated().compactMap { index, event in
                try recording.proposed(
                    event, id: CommandEventID.make(command: envelope.commandID, index: index, atMicros: envelope.atMicros),
                    actor: envelope.actorMemberID)
            }
            guard !proposed.isEmpty else { return .accepted(positions: nil, replayed: false) }
            do {
                // Recorded-at is the commit's own stamp; the command's business time is in the payload.
                let appended = try await log.append(
                    AppendBatch(stream: "workspace", expected: history.version == 0 ? .noStream : .exact(history.version), events: proposed))
                return .accepted(positions: appended.positions, replayed: appended.wasDuplicate)
            } catch let error as EventLogError where error.code == .wrongExpectedVersion {
                continue
            }
        }
    }

    private func handleForget(_ forget: Callstack_V1_ForgetContact, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        do {
            let result = try await forgetContact(
                forget.contactID, by: envelope.actorMemberID,
                at: Date(timeIntervalSince1970: Double(envelope.atMicros) / 1_000_000))
            return .accepted(positions: result.position.map { $0...$0 }, replayed: false)
        } catch let rejection as DomainRejection {
            return .rejected(rejection)
        } catch let invalid as PersonalDataError {
            return .rejected(.invalidCommand(invalid.description))
        }
    }
}
