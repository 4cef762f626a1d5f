public import CallStackDomain
import CallStackEvents
import SwiftProtobuf
import EventLog
import EventSourcing
public import Projections
import Synchronization

extension Engine {
    /// How long a reservation from ``next(caller:campaign:at:)`` is held before `advance`
    /// releases it.
    public static let reservationMicros: Int64 = 600_000_000

    /// The queue lanes caught up with the log and moved to `time` (never back).
    public func queueLanes(at time: BusinessTime, asking member: String) throws -> QueueLanesState {
        try reader.queries(as: member).allow(.readCampaigns)
        return try queueLanes(at: time)
    }

    /// ``queueLanes(at:asking:)`` unchecked: for the store's operator (the CLI without `--as`).
    package func queueLanes(at time: BusinessTime) throws -> QueueLanesState {
        try queueBook.withLock { book in
            try catchUp(&book)
            var state = book.lanes.state
            state.advance(to: time.micros)
            return state
        }
    }

    /// The next contact for `caller` in `campaign` at `time`, reserved for them; nil when no
    /// enrolment is eligible now.
    ///
    /// Walks the lanes in precedence order, each in lane order, and takes the first enrolment the
    /// caller may call now: its owner (or callback owner) is the caller or nobody; the contact's
    /// spacing and daily attempts allow it; the caller's own spacing allows it; the calling
    /// window holds in every zone the contact may be in; nobody else holds a lease on it. The
    /// choice takes an in-memory lease, so concurrent callers never get the same contact; the
    /// reservation is then recorded (group-committed with other appends) and the lease dropped.
    public func next(caller: String, campaign campaignID: String, at time: BusinessTime) async throws -> Reservation? {
        guard let campaign = try reader.campaign(campaignID) else { throw DomainRejection.notFound("campaign \(campaignID)") }
        let workspace = try workspace()
        let actor = workspace.actor(caller, atMicros: time.micros)
        if case .failure(let rejection) = PermissionMatrix.standard.check(actor, .dial) { throw rejection }
        guard campaign.status == .active else { throw DomainRejection.invalidCommand("campaign \(campaignID) is not active") }
        if actor.role == .caller, !campaign.brief.identity.assignedCallerIds.contains(caller) {
            throw DomainRejection.notAuthorized(actor: caller, action: "take contacts of campaign \(campaignID), which does not assign them", requires: "an assigned Caller")
        }
        let controls = EffectiveSettings.controls(brief: campaign.brief, workspace: try settings().settings.campaignDefaults)
        if controls.dialing.requireActiveShift, try !onShift(caller) {
            throw DomainRejection.invalidCommand("campaign \(campaignID) requires an active shift: \(caller) is not on one")
        }
        let window = CallingWindowRule(controls.dialing.callingWindow)
        // A contact whose reservation is refused (the lanes and the call state disagree) is not
        // offered again in this call, so one refusal never blocks the queue.
        var refused = Set<String>()
        for _ in 0..<8 {
            guard let (contactID, placement) = try choose(for: caller, in: campaignID, window: window, at: time.micros, skipping: refused) else { return nil }
            let key = QueueBook.leaseKey(campaignID, contactID)
            let reservationID = "\(campaignID)/\(contactID)/\(caller)/\(time.micros)"
            let expires = time.micros + Self.reservationMicros
            // nil: the contact is suppressed. Suppression is checked before the reservation too (it
            // needs the contact's key, so it is not the lanes'): a number suppressed since its
            // import is never handed out.
            let outcome: CommandOutcome?
            do {
                outcome = try suppressionEntry(of: contactID, client: campaign.clientID, at: time) != nil ? nil : try await handleCall(
                    .reserve(reservationID: reservationID, caller: caller, expiresAtMicros: expires), contactID: contactID, campaignID: campaignID,
                    Self.envelope(.releaseReservation(.init()), id: "next/" + reservationID, by: caller, atMicros: time.micros))
            } catch {
                queueBook.withLock { _ = $0.leases.removeValue(forKey: key) }
                throw error
            }
            try queueBook.withLock { book in
                book.leases[key] = nil
                try catchUp(&book)
            }
            refused.insert(contactID)
            // "Replayed" is a reservation made before under this id, perhaps passed since: not one held now.
            if case .accepted(_, false)? = outcome {
                return Reservation(
                    reservationID: reservationID, contactID: contactID, campaignID: campaignID, caller: caller, expiresAtMicros: expires,
                    lane: placement.lane?.description ?? "", reason: placement.reason,
                    mode: try campaignHealth(campaignID, at: time)?.mode ?? controls.dialing.mode)
            }
        }
        return nil
    }

    /// Takes a lease on the first eligible enrolment, under the lock.
    private func choose(
        for caller: String, in campaignID: String, window: CallingWindowRule?, at now: Int64, skipping refused: Set<String>
    ) throws -> (String, Placement)? {
        try queueBook.withLock { book -> (String, Placement)? in
            try catchUp(&book)
            book.lanes.modify { $0.advance(to: now) }
            let leases = book.leases
            guard let lanes = book.lanes.state.campaigns[campaignID] else { return nil }
            let prefix = QueueBook.leaseKey(campaignID, "")
            let held = Int(lanes.openByCaller[caller] ?? 0) + leases.count { $0.key.hasPrefix(prefix) && $0.value == caller }
            guard held < Int(CampaignHealth(lanes, at: now).linesPerCaller) else { return nil }
            let chosen = book.lanes.modify { state in
                state.take(from: campaignID, limit: 512) { record, placement, context in
                    guard leases[QueueBook.leaseKey(campaignID, record.contactID)] == nil, !refused.contains(record.contactID) else { return false }
                    return Self.eligible(record, placement, for: caller, in: context, window: window, at: now)
                }
            }
            if let (contactID, _) = chosen { book.leases[QueueBook.leaseKey(campaignID, contactID)] = caller }
            return chosen
        }
    }

    /// May `caller` be handed this enrolment now? The selection rule of
    /// ``next(caller:campaign:at:)`` on top of the lanes: still in a lane at `now` (requests may
    /// come out of time order), owner (sticky, reassigned or routed) and callback owner, the
    /// caller's call spacing, and the calling window in every zone the contact may be in.
    public static func eligible(
        _ record: EnrolmentRecord, _ placement: Placement, for caller: String, in context: SelectionContext, window: CallingWindowRule?, at now: Int64
    ) -> Bool {
        let rules = context.rules
        if context.placement(of: record, at: now).lane == nil { return false }
        if placement.lane == .callback, !record.callbackOwner.isEmpty, record.callbackOwner != caller { return false }
        if placement.lane != .redistributable, rules.brief.audience.assignment == .stickyOwner {
            let owner = context.owner(of: record)
            if !owner.isEmpty, owner != caller { return false }
        }
        // The contact's own spacing and daily attempts are the lanes' (it rests out of them).
        if let last = context.callerLastEnd[caller], now < last + rules.spacingMicros { return false }
        guard let window, let contact = context.contact(record.contactID) else { return false }
        return window.verdict(at: BusinessTime(micros: now), inEvery: contact.zones).allows
    }

    /// Records what time has made due by `time`: expired reservations are released, hot leads
    /// past their service-level time escalated, and due callbacks surfaced. Each is a system
    /// command with an id derived from what it acts on, so running advance again records nothing
    /// twice.
    @discardableResult
    public func advance(to time: BusinessTime, by member: String) async throws -> AdvanceReport {
        let state = try queueBook.withLock { book in
            try catchUp(&book)
            book.lanes.modify { $0.advance(to: time.micros) }
            return book.lanes.state
        }
        var report = AdvanceReport()
        for campaignID in state.campaigns.keys.sorted() {
            if let lanes = state.campaigns[campaignID], lanes.status == .active, CampaignHealth(lanes, at: time.micros).failureGuardrailTripped {
                let pause = Callstack_V1_ChangeCampaignStatus.with { $0.campaignID = campaignID; $0.status = .paused }
                let hour = time.micros / 3_600_000_000
                let outcome = try await handle(.changeCampaignStatus(pause), id: "advance/pause/\(campaignID)/\(hour)", by: member, at: time)
                if case .accepted = outcome { report.paused += 1 } else { report.refused += 1 }
            }
            for (contactID, work) in state.campaigns[campaignID]?.dueSystemWork(at: time.micros) ?? [] {
                let (request, id, counted): (CallSession.Request, String, WritableKeyPath<AdvanceReport, Int>) =
                    switch work {
                    case .expire(let reservation, let at): (.expire(reservationID: reservation), "advance/expire/\(campaignID)/\(contactID)/\(at)", \.expired)
                    case .escalate(let since): (.escalateHotLead(sinceMicros: since), "advance/escalate/\(campaignID)/\(contactID)/\(since)", \.escalated)
                    case .surfaceCallback(let due): (.surfaceCallback(dueAtMicros: due), "advance/callback/\(campaignID)/\(contactID)/\(due)", \.callbacksDue)
                    case .closeStuckCall(let call): (.closeStuckCall(callID: call), "advance/close/\(campaignID)/\(contactID)/\(call)", \.closedCalls)
                    }
                let outcome = try await handleCall(
                    request, contactID: contactID, campaignID: campaignID,
                    Self.envelope(.releaseReservation(.init()), id: id, by: member, atMicros: time.micros))
                switch outcome {
                case .accepted(_, false): report[keyPath: counted] += 1
                case .accepted(_, true): break  // recorded by an earlier advance
                case .rejected: report.refused += 1
                }
            }
        }
        return report
    }

    /// The dialing health of `campaignID` at `time`: abandon and failure rates, the mode in force
    /// and why; nil for a campaign the queue does not know.
    public func campaignHealth(_ campaignID: String, at time: BusinessTime, asking member: String) throws -> CampaignHealth? {
        try reader.queries(as: member).allow(.readReports)
        return try campaignHealth(campaignID, at: time)
    }

    /// ``campaignHealth(_:at:asking:)`` unchecked: for the store's operator and the dial checks.
    package func campaignHealth(_ campaignID: String, at time: BusinessTime) throws -> CampaignHealth? {
        try queueBook.withLock { book in
            try catchUp(&book)
            let state = book.lanes.state
            return state.campaigns[campaignID].map { CampaignHealth($0, at: max(time.micros, state.clock)) }
        }
    }

    /// The queue's record of `contactID`'s enrolment in `campaignID`, and where it stands at
    /// `time`, caught up with the log; nil when it was never enrolled.
    package func queueEnrolment(_ contactID: String, campaign campaignID: String, at time: BusinessTime) throws -> (record: EnrolmentRecord, placement: Placement)? {
        try queueBook.withLock { book in
            try catchUp(&book)
            return book.lanes.state.enrolment(contactID, in: campaignID, at: time.micros)
        }
    }

    /// Folds the log's new events into the book's lanes.
    func catchUp(_ book: inout QueueBook) throws {
        try book.lanes.catchUp(from: log, registry: registry)
    }

    /// True when `member` has a shift open.
    func onShift(_ member: String) throws -> Bool {
        let decider = ShiftDecider()
        let history = try StreamHistory(of: Self.memberStream(member), in: log, registry: registry)
        return decider.fold(history.events.map(decider.event)).startedAtMicros != nil
    }
}

extension Engine {
    /// Why `contactID` was, or was not, in a lane of `campaignID` at `time`, derived from history:
    /// the events of the workspace, the campaign and the contact whose business time is at or
    /// before `time`, folded into a queue of their own and moved to `time`. Later events do not
    /// change the answer. Nil when the contact was never enrolled in the campaign by then.
    public func explainQueue(contact contactID: String, campaign campaignID: String, at time: BusinessTime, asking member: String) throws -> QueueExplanation? {
        guard try reader.queries(as: member).campaign(campaignID) != nil else { return nil }
        return try explainQueue(contact: contactID, campaign: campaignID, at: time)
    }

    /// ``explainQueue(contact:campaign:at:asking:)`` unchecked: for the store's operator.
    package func explainQueue(contact contactID: String, campaign campaignID: String, at time: BusinessTime) throws -> QueueExplanation? {
        guard let stream = Self.campaignStream(campaignID) else { return nil }
        var events: [DecodedEvent] = []
        for name in ["workspace", stream, Self.contactStream(contactID)] {
            events += try StreamHistory(of: name, in: log, registry: registry).events
        }
        events.sort { $0.position < $1.position }
        let projector = QueueLanesProjector()
        var state = projector.initialState
        var history: [String] = []
        for event in events {
            let header = try Callstack_V1_EventHeader(serializedBytes: try event.message.serializedBytes() as [UInt8])
            guard header.occurred.atMicros <= time.micros else { continue }
            projector.apply(&state, event)
            if event.stream == Self.contactStream(contactID), (state.campaigns[campaignID]?.enrolment(contactID)) != nil {
                history.append("\(BusinessTime(micros: header.occurred.atMicros).iso8601) \(event.type)")
            }
        }
        state.advance(to: time.micros)
        guard let (record, placement) = state.campaigns[campaignID]?.enrolment(contactID) else { return nil }
        return QueueExplanation(contactID: contactID, campaignID: campaignID, at: time, placement: placement, record: record, history: history)
    }
}
