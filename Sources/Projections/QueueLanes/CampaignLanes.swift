public import CallStackEvents
import CallStackDomain

/// One campaign's queue: its rules, every enrolment's record and placement, the five lanes'
/// orders, the timers that time moves, and the live-answered and abandoned calls by hour (the
/// abandon-rate guardrail's window).
public struct CampaignLanes: Sendable {
    public internal(set) var rules: LaneRules
    public internal(set) var status: Callstack_V1_CampaignStatus = .draft
    /// Contact id → slot.
    var slots: [String: Int32] = [:]
    var records: [EnrolmentRecord] = []
    var placements: [Placement] = []
    var generations: [UInt32] = []
    var lanes = [LaneIndex](repeating: LaneIndex(), count: Lane.allCases.count)
    var timers = LaneIndex()
    /// Enrolments per lane, exact at every moment: O(1) counts.
    public internal(set) var counts = [Int](repeating: 0, count: Lane.allCases.count)
    /// Enrolments held for their failing number.
    public internal(set) var held = 0
    /// Hour (since the epoch) → live-answered calls (connected or abandoned) and abandoned ones.
    var answeredByHour: [Int64: Int32] = [:]
    var abandonedByHour: [Int64: Int32] = [:]
    /// Hour → attempts that ended, and those that failed (the failure guardrail's window).
    var endedByHour: [Int64: Int32] = [:]
    var failedByHour: [Int64: Int32] = [:]
    /// Caller → reservations and calls open now (power mode hands out up to N).
    public internal(set) var openByCaller: [String: Int32] = [:]

    init(rules: LaneRules) {
        self.rules = rules
    }

    /// Enrolments in `lane` now.
    public func count(_ lane: Lane) -> Int { counts[lane.rawValue] }

    /// The record and placement of `contactID`'s enrolment; nil when it never was enrolled.
    public func enrolment(_ contactID: String) -> (record: EnrolmentRecord, placement: Placement)? {
        slots[contactID].map { (records[Int($0)], placements[Int($0)]) }
    }

    /// The slot of `contactID`, made when missing.
    mutating func slot(_ contactID: String) -> Int32 {
        if let slot = slots[contactID] { return slot }
        let slot = Int32(records.count)
        slots[contactID] = slot
        records.append(EnrolmentRecord(contactID: contactID))
        placements.append(Placement(lane: nil, why: .notEnrolled))
        generations.append(0)
        return slot
    }

    /// Folds an event of `contactID`'s enrolment in and places it again.
    mutating func apply(_ change: EnrolmentChange, to contactID: String, position: UInt64, _ world: PlacementWorld) {
        let slot = slot(contactID)
        let index = Int(slot)
        countOpen(records[index], -1)
        records[index].apply(change, position: position)
        countOpen(records[index], 1)
        place(slot, world)
    }

    /// Places `contactID`'s enrolment again, when there is one.
    mutating func place(_ contactID: String, _ world: PlacementWorld) {
        if let slot = slots[contactID] { place(slot, world) }
    }

    /// Places every enrolment again (a rule or a member changed).
    mutating func placeAll(_ world: PlacementWorld) {
        for slot in 0..<Int32(records.count) { place(slot, world) }
    }

    /// Places again the enrolments whose timers are due by `now`.
    mutating func fireTimers(upTo now: Int64, _ world: PlacementWorld) {
        while let due = timers.peekLive(generations), due.key <= now {
            _ = timers.popLive(generations)
            place(due.slot, world)
        }
    }

    mutating func place(_ slot: Int32, _ world: PlacementWorld) {
        set(world.placement(of: records[Int(slot)], rules: rules), at: slot)
    }

    /// Sets the slot's placement: counts move, and a fresh entry goes into its lane and timers.
    mutating func set(_ placement: Placement, at slot: Int32) {
        let index = Int(slot)
        if let old = placements[index].lane { counts[old.rawValue] -= 1 }
        if let new = placement.lane { counts[new.rawValue] += 1 }
        held += (placement.held ? 1 : 0) - (placements[index].held ? 1 : 0)
        placements[index] = placement
        generations[index] &+= 1
        let generation = generations[index]
        let tieBreak = records[index].enrolledAt
        if let lane = placement.lane {
            lanes[lane.rawValue].insert(LaneEntry(key: placement.key, tieBreak: tieBreak, slot: slot, generation: generation))
            lanes[lane.rawValue].compact(live: counts[lane.rawValue], generations)
        }
        if let wake = placement.wake {
            timers.insert(LaneEntry(key: wake, tieBreak: tieBreak, slot: slot, generation: generation))
            timers.compact(live: slots.count, generations)
        }
    }


    /// Counts a call's end for the abandon rate.
    mutating func count(_ result: Callstack_V1_SystemResult, at micros: Int64) {
        let hour = micros / 3_600_000_000
        endedByHour[hour, default: 0] += 1
        if result == .failed { failedByHour[hour, default: 0] += 1 }
        guard result == .connected || result == .abandoned else { return }
        answeredByHour[hour, default: 0] += 1
        if result == .abandoned { abandonedByHour[hour, default: 0] += 1 }
    }

    /// Abandoned calls ÷ live-answered calls over the `hours` up to `now`, in basis points, with
    /// both counts.
    public func abandonRate(hours: Int64, at now: Int64) -> (basisPoints: Int32, abandoned: Int32, answered: Int32) {
        Self.rate(abandonedByHour, over: answeredByHour, hours: hours, at: now)
    }

    /// Failed attempts ÷ ended attempts over the `hours` up to `now`, in basis points, with both counts.
    public func failureRate(hours: Int64, at now: Int64) -> (basisPoints: Int32, failed: Int32, calls: Int32) {
        Self.rate(failedByHour, over: endedByHour, hours: hours, at: now)
    }

    /// `part` ÷ `whole` summed over the hours up to `now`'s, in basis points (0 when `whole` is 0).
    private static func rate(_ part: [Int64: Int32], over whole: [Int64: Int32], hours: Int64, at now: Int64) -> (Int32, Int32, Int32) {
        let last = now / 3_600_000_000
        var numerator: Int32 = 0
        var denominator: Int32 = 0
        for hour in (last - hours + 1)...last {
            numerator += part[hour] ?? 0
            denominator += whole[hour] ?? 0
        }
        return (denominator == 0 ? 0 : Int32((Int64(numerator) * 10_000) / Int64(denominator)), numerator, denominator)
    }

    /// Counts the record's open reservation or call against its caller, or takes it off.
    mutating func countOpen(_ record: EnrolmentRecord, _ delta: Int32) {
        guard record.busy, !record.currentCaller.isEmpty else { return }
        let count = openByCaller[record.currentCaller, default: 0] + delta
        openByCaller[record.currentCaller] = count > 0 ? count : nil
    }

    /// The enrolments in `lane`, in lane order, at most `limit`.
    public func members(of lane: Lane, limit: Int) -> [(contactID: String, placement: Placement)] {
        var index = lanes[lane.rawValue]
        var result: [(String, Placement)] = []
        while result.count < limit, let entry = index.popLive(generations) {
            result.append((records[Int(entry.slot)].contactID, placements[Int(entry.slot)]))
        }
        return result
    }

    /// What `advance(to:)` must record at `now`: reservations past their expiry, hot leads past
    /// their service-level time not yet escalated, callbacks due not yet surfaced. A scan of the
    /// campaign's enrolments, in slot order.
    public func dueSystemWork(at now: Int64) -> [(contactID: String, work: SystemWork)] {
        var due: [(String, SystemWork)] = []
        for record in records where record.enrolled {
            if record.busy, let expires = record.reservationExpires, expires <= now {
                due.append((record.contactID, .expire(reservationID: record.reservationID, at: expires)))
            } else if record.busy, !record.openCallID.isEmpty, record.openCallSince + CallSession.stuckCallMicros <= now {
                due.append((record.contactID, .closeStuckCall(callID: record.openCallID)))
            } else if !record.busy, let since = record.hotLeadSince, !record.escalated, since + rules.hotLeadSLAMicros <= now {
                due.append((record.contactID, .escalate(since: since)))
            } else if !record.busy, let callback = record.callbackDue, !record.callbackSurfaced, callback <= now {
                due.append((record.contactID, .surfaceCallback(due: callback)))
            }
        }
        return due
    }

    /// Takes the first enrolment, in precedence and lane order, that `accepts`; every entry
    /// looked at goes back (the choice stays in its lane until its reservation is recorded).
    /// Looks at no more than `limit` per lane.
    mutating func take(limit: Int, _ accepts: (EnrolmentRecord, Placement) -> Bool) -> (String, Placement)? {
        for lane in Lane.allCases {
            var looked: [LaneEntry] = []
            defer { for entry in looked { lanes[lane.rawValue].insert(entry) } }
            while looked.count < limit, let entry = lanes[lane.rawValue].popLive(generations) {
                looked.append(entry)
                let slot = Int(entry.slot)
                if accepts(records[slot], placements[slot]) { return (records[slot].contactID, placements[slot]) }
            }
        }
        return nil
    }
}

/// A system command time has made due.
public enum SystemWork: Sendable, Equatable {
    case expire(reservationID: String, at: Int64)
    case escalate(since: Int64)
    case surfaceCallback(due: Int64)
    /// A call open longer than `CallSession.stuckCallMicros`.
    case closeStuckCall(callID: String)
}
