public import CallStackDomain
public import CallStackEvents
import EventLog
import EventSourcing
import Foundation
import PersonalData
import SwiftProtobuf

extension Engine {
    /// Decides a command and records its events: the one entry point for every command.
    ///
    /// - The command id makes handling idempotent: the events' ids derive from it
    ///   (``CommandEventID``), so a command handled before is recognised and answered with
    ///   ``CommandOutcome/accepted(positions:replayed:)`` without deciding again.
    /// - A refusal is ``CommandOutcome/rejected(_:)`` and records nothing.
    /// - A command that changes nothing records a `CommandAcknowledged` receipt, so that a retry is
    ///   recognised even after the state has moved on.
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
        case .editContact(let edit):
            return try await handleContact(.edit(edit), envelope)
        case .archiveContact(let archive):
            return try await handleContact(.archive(archive), envelope)
        case .unarchiveContact(let unarchive):
            return try await handleContact(.unarchive(unarchive), envelope)
        case .addContactNote(let note):
            return try await handleContact(.addNote(note), envelope)
        case .addSuppressionEntry(let add):
            return try await handleSuppression(.add(add), clientID: add.clientID, envelope)
        case .removeSuppressionEntry(let remove):
            return try await handleSuppression(.remove(remove), clientID: remove.clientID, envelope)
        case .changeWorkspaceSettings(let change):
            return try await handleSettings(.change(change), envelope)
        case .changeBillingPlan(let change):
            return try await handleSettings(.billingPlan(change), envelope)
        case .publishScript(let publish):
            return try await handleSettings(.publishScript(publish), envelope)
        case .publishPlaybookTemplate(let publish):
            return try await handleSettings(.publishPlaybookTemplate(publish), envelope)
        case .saveImportMapping(let save):
            return try await handleSettings(.saveImportMapping(save), envelope)
        case .createCampaign(let create):
            return try await handleCampaign(.create(create), campaignID: create.campaignID, envelope)
        case .editCampaignBrief(let edit):
            return try await handleCampaign(.editBrief(edit), campaignID: edit.campaignID, envelope)
        case .changeCampaignStatus(let change):
            return try await handleCampaign(.changeStatus(change), campaignID: change.campaignID, envelope)
        case .startDial(let dial):
            return try await handleCall(
                .startDial(reservationID: dial.reservationID, callID: dial.callID, callerIDNumber: dial.callerIDNumber),
                contactID: dial.contactID, campaignID: dial.campaignID, envelope)
        case .connectCall(let connect):
            return try await handleCall(.connect(callID: connect.callID), contactID: connect.contactID, campaignID: connect.campaignID, envelope)
        case .endCall(let end):
            return try await handleCall(.end(callID: end.callID, result: end.result), contactID: end.contactID, campaignID: end.campaignID, envelope)
        case .saveOutcome(let save):
            return try await handleCall(.saveOutcome(callID: save.callID, capture: save.capture), contactID: save.contactID, campaignID: save.campaignID, envelope)
        case .releaseReservation(let release):
            return try await handleCall(
                .release(reservationID: release.reservationID, reason: release.reason), contactID: release.contactID, campaignID: release.campaignID, envelope)
        case .recordMeetingResponse(let response):
            return try await handleCall(
                .respondToMeeting(meetingID: response.meetingID, accepted: response.accepted), contactID: response.contactID,
                campaignID: response.campaignID, envelope)
        case .reassignEnrolment(let reassign):
            return try await handleCall(.reassign(to: reassign.toMemberID), contactID: reassign.contactID, campaignID: reassign.campaignID, envelope)
        case .startShift(let start):
            return try await handleShift(.start(memberID: start.memberID), envelope)
        case .endShift(let end):
            return try await handleShift(.end(memberID: end.memberID), envelope)
        case .none:
            return .rejected(.invalidCommand("the envelope holds no command"))
        case .some(let command):
            guard let request = Self.workspaceRequest(command) else {
                return .rejected(.invalidCommand("this engine does not handle that command yet"))
            }
            return try await handleWorkspace(request, envelope)
        }
    }

    /// Decides `command`, issued by `member` at `time`: ``handle(_:)`` without building the envelope.
    ///
    /// - Parameter id: the command's id, unique per command: handling the same id again is
    ///   answered "replayed" and records nothing.
    public func handle(
        _ command: Callstack_V1_CommandEnvelope.OneOf_Command, id: String, by member: String, at time: BusinessTime
    ) async throws -> CommandOutcome {
        try await handle(Self.envelope(command, id: id, by: member, atMicros: time.micros))
    }

    /// The envelope of `command` with its id, actor and business time.
    static func envelope(
        _ command: Callstack_V1_CommandEnvelope.OneOf_Command, id: String, by member: String, atMicros: Int64
    ) -> Callstack_V1_CommandEnvelope {
        var envelope = Callstack_V1_CommandEnvelope()
        envelope.commandID = id
        envelope.actorMemberID = member
        envelope.atMicros = atMicros
        envelope.command = command
        return envelope
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
        default: nil
        }
    }

    private func handleWorkspace(_ request: WorkspaceDecider.Request, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        let recording = WorkspaceRecording(keys: keys, occurred: Self.occurrence(envelope))
        return try await decideAndRecord(on: "workspace", envelope) { history in
            WorkspaceDecider().decide(
                WorkspaceDecider.Command(request, by: envelope.actorMemberID, atMicros: envelope.atMicros),
                after: history.events.map(WorkspaceEvent.init))
        } record: { event, id in
            try recording.proposed(event, id: id, actor: envelope.actorMemberID)
        }
    }

    /// - Parameter onBehalfOfOutcome: the entry follows from a saved do-not-call outcome: it is
    ///   added with a Campaign Manager's permission, whatever the role of the caller who saved it.
    func handleSuppression(
        _ request: SuppressionDecider.Request, clientID: String, _ envelope: Callstack_V1_CommandEnvelope, onBehalfOfOutcome: Bool = false
    ) async throws -> CommandOutcome {
        let occurred = Self.occurrence(envelope)
        return try await decideAndRecord(on: clientID.isEmpty ? "workspace" : "client-" + clientID, envelope) { history in
            // The global list lives on the workspace stream: fold the history in hand, not a second read.
            let workspace = clientID.isEmpty ? WorkspaceDecider().fold(history.events.map(WorkspaceEvent.init)) : try workspace()
            var actor = workspace.actor(envelope.actorMemberID, atMicros: envelope.atMicros)
            if onBehalfOfOutcome { actor = CommandActor(memberID: actor.memberID, role: .campaignManager, atMicros: actor.atMicros) }
            let open = workspace.isOpenClient(clientID)
            return SuppressionDecider().decide(
                SuppressionDecider.Command(request, by: actor, clientIsOpen: open),
                after: history.events.map { SuppressionEvent($0, list: clientID) })
        } record: { event, id in
            try Self.proposal(of: event.recorded(clientID: clientID, occurred: occurred), id: id, envelope)
        }
    }

    private func handleSettings(_ request: SettingsDecider.Request, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        let occurred = Self.occurrence(envelope)
        return try await decideAndRecord(on: "workspace", envelope) { history -> Result<[SettingsEvent], DomainRejection> in
            let workspace = WorkspaceDecider().fold(history.events.map(WorkspaceEvent.init))
            guard workspace.workspaceID != nil else { return .failure(.notFound("a workspace: bootstrap it with CreateWorkspace")) }
            let actor = workspace.actor(envelope.actorMemberID, atMicros: envelope.atMicros)
            return SettingsDecider().decide(SettingsDecider.Command(request, by: actor), after: history.events.map(SettingsEvent.init))
        } record: { event, id in
            try Self.proposal(of: event.recorded(occurred: occurred), id: id, envelope)
        }
    }

    private func handleCampaign(
        _ request: CampaignDecider.Request, campaignID: String, _ envelope: Callstack_V1_CommandEnvelope
    ) async throws -> CommandOutcome {
        guard let stream = Self.campaignStream(campaignID) else {
            return .rejected(.invalidCommand("campaign_id must have 1 to 200 bytes, without ':' or NUL"))
        }
        let occurred = Self.occurrence(envelope)
        return try await decideAndRecord(on: stream, envelope) { history in
            let (workspace, settings) = try workspaceAndSettings()
            let actor = workspace.actor(envelope.actorMemberID, atMicros: envelope.atMicros)
            return CampaignDecider().decide(
                CampaignDecider.Command(request, by: actor, workspace: workspace, settings: settings),
                after: history.events.map(CampaignEvent.init))
        } record: { event, id in
            try Self.proposal(of: event.recorded(campaignID: campaignID, occurred: occurred), id: id, envelope)
        }
    }

    private func handleShift(_ request: ShiftDecider.Request, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        let member: String
        switch request {
        case .start(let id), .end(let id): member = id
        }
        guard (try? DataSubject(.member, member)) != nil else {
            return .rejected(.invalidCommand("member_id must name a member: 1 to 200 bytes, without ':' or NUL"))
        }
        let workspace = try workspace()
        let actor = workspace.actor(envelope.actorMemberID, atMicros: envelope.atMicros)
        let decider = ShiftDecider()
        return try await decideAndRecord(on: Self.memberStream(member), envelope) { history in
            decider.decide(
                ShiftDecider.Command(request, by: actor, memberIsActive: workspace.activeRole(of: member) != nil), after: history.events.map(decider.event))
        } record: { event, id in
            switch event {
            case .started(let started): try Self.proposal(of: ("ShiftStarted", started), id: id, envelope)
            case .ended(let ended): try Self.proposal(of: ("ShiftEnded", ended), id: id, envelope)
            case .other: nil
            }
        }
    }

    /// The stream of a member's shifts.
    public static func memberStream(_ memberID: String) -> String { "member-" + memberID }

    /// The loop every decided command runs: recognise a command handled before by its first event
    /// id; fold the stream, decide, record; decide again if the stream moved on meanwhile.
    ///
    /// Every recorded event carries the command's fingerprint (``CommandEventID/fingerprint(_:)``)
    /// as its causation id, so a command id reused for another command is refused rather than
    /// answered "replayed".
    func decideAndRecord<Event>(
        on stream: String, _ envelope: Callstack_V1_CommandEnvelope,
        decide: (StreamHistory) throws -> Result<[Event], DomainRejection>,
        record: (Event, EventID) throws -> ProposedEvent?
    ) async throws -> CommandOutcome {
        let fingerprint = CommandEventID.fingerprint(envelope)
        while true {
            if let earlier = try earlierOutcome(of: envelope, fingerprint: fingerprint) { return earlier }
            let history = try StreamHistory(of: stream, in: log, registry: registry)
            let events: [Event]
            switch try decide(history) {
            case .failure(let rejection): return .rejected(rejection)
            case .success(let decided): events = decided
            }
            var proposed = try events.enumerated().compactMap { index, event in
                try record(event, CommandEventID.make(command: envelope.commandID, index: index))
            }
            let changedNothing = proposed.isEmpty
            if changedNothing { proposed = [try Self.acknowledgement(envelope)] }
            proposed = proposed.map { event in
                var event = event
                event.causationID = fingerprint
                return event
            }
            do {
                // Recorded-at is the commit's own stamp; the command's business time is in the payload.
                let appended = try await log.append(
                    AppendBatch(stream: stream, expected: history.version == 0 ? .noStream : .exact(history.version), events: proposed),
                    at: stamp(envelope.atMicros))
                return .accepted(positions: changedNothing ? nil : appended.positions, replayed: appended.wasDuplicate)
            } catch let error as EventLogError where error.code == .wrongExpectedVersion || error.code == .eventIDConflict {
                continue  // the stream moved on, or a retry of this command landed first: look again
            }
        }
    }

    /// The event to append for a decided event's message (nil: the event records nothing).
    private static func proposal(
        of recorded: (type: String, message: any SwiftProtobuf.Message)?, id: EventID, _ envelope: Callstack_V1_CommandEnvelope
    ) throws -> ProposedEvent? {
        guard let (type, message) = recorded else { return nil }
        return ProposedEvent(id: id, type: type, actor: envelope.actorMemberID, payload: try message.serializedBytes())
    }

    /// The receipt of a command that changed nothing, so that its id is known from then on.
    private static func acknowledgement(_ envelope: Callstack_V1_CommandEnvelope) throws -> ProposedEvent {
        var acknowledged = Callstack_V1_CommandAcknowledged()
        acknowledged.occurred = occurrence(envelope)
        acknowledged.commandID = envelope.commandID
        return ProposedEvent(
            id: CommandEventID.make(command: envelope.commandID, index: 0), type: "CommandAcknowledged",
            actor: envelope.actorMemberID, payload: try acknowledged.serializedBytes())
    }

    /// The answer for a command id handled before: "replayed" when it was this command, a
    /// rejection when the id was used for another one; nil when the id is new.
    private func earlierOutcome(of envelope: Callstack_V1_CommandEnvelope, fingerprint: EventID) throws -> CommandOutcome? {
        let first = CommandEventID.make(command: envelope.commandID, index: 0)
        guard let position = try log.position(of: first) else { return nil }
        guard let earlier = try log.read(from: position, limit: 1).first, earlier.causationID == fingerprint else {
            return .rejected(.invalidCommand("command id \(envelope.commandID) was used for another command"))
        }
        return .accepted(positions: earlier.type == "CommandAcknowledged" ? nil : position...position, replayed: true)
    }

    static func occurrence(_ envelope: Callstack_V1_CommandEnvelope) -> Callstack_V1_Occurrence {
        var occurred = Callstack_V1_Occurrence()
        occurred.atMicros = envelope.atMicros
        occurred.actorMemberID = envelope.actorMemberID
        return occurred
    }


    private func handleForget(_ forget: Callstack_V1_ForgetContact, _ envelope: Callstack_V1_CommandEnvelope) async throws -> CommandOutcome {
        try await forgetting(forget, envelope).outcome
    }

    /// The forget, for both entry points: decide, delete the contact's key and keyed hashes once the
    /// decision allows it (before the event, so a crash leaves the data erased), then record.
    func forgetting(
        _ forget: Callstack_V1_ForgetContact, _ envelope: Callstack_V1_CommandEnvelope
    ) async throws -> (outcome: CommandOutcome, report: ForgetReport?) {
        let subject: DataSubject
        do {
            subject = try DataSubject(.contact, forget.contactID)
        } catch PersonalDataError.invalidSubject(let why) {
            return (.rejected(.invalidCommand(why)), nil)
        }
        var report: ForgetReport?
        let outcome = try await decideAndRecord(on: Self.contactStream(forget.contactID), envelope) { history in
            let actor = try workspace().actor(envelope.actorMemberID, atMicros: envelope.atMicros)
            let decided = ContactErasure().decide(ContactErasure.Command(forget, by: actor), after: history.events.map(ContactEvent.init))
            if case .success = decided { report = try keys.forget(subject) }
            return decided
        } record: { event, id in
            try Self.proposal(of: event.recorded, id: id, envelope)
        }
        return (outcome, report)
    }
}
