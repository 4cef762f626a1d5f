public import CallStackEvents

/// What the queue knows of one enrolment (a contact in a campaign), folded from the contact's
/// events in that campaign. Pure: the same events give the same record, in the projection and
/// in `queue why`, which folds one contact's history up to a moment.
public struct EnrolmentRecord: Sendable, Equatable {
    public var contactID: String
    public var enrolled = false
    /// The log position of the enrolment: the priority lane's tie-break.
    public var enrolledAt: UInt64 = 0
    /// A reservation or a call is open (reserved, dialing, in call, wrap-up).
    public var busy = false
    public var attempts: Int32 = 0
    /// The UTC day (days since the epoch) of the last dial, and the dials on that day.
    public var dialDay: Int32 = 0
    public var dialsThatDay: Int32 = 0
    /// The last dial's start and the last attempt's end (microseconds); 0 before any.
    public var lastDialMicros: Int64 = 0
    public var lastEndMicros: Int64 = 0
    public var lastResult: Callstack_V1_SystemResult = .unspecified
    public var lastOutcomeID = ""
    public var final = false
    /// The caller it belongs to (sticky: whoever first reached the contact, or a reassignment).
    public var owner = ""
    /// A callback scheduled and not yet made: due time, and the only caller who may make it.
    public var callbackDue: Int64?
    public var callbackOwner = ""
    /// A hot-lead outcome not yet followed up, since when.
    public var hotLeadSince: Int64?
    /// Separate UTC days on which a dial failed, and the last of them.
    public var failedDays: Int32 = 0
    public var lastFailedDay: Int32 = -1
    /// The call status in the campaign (the enrolment's, then each outcome's): routing rules test it.
    public var callStatus = ""
    /// The last attempt, or the enrolment: staleness counts from it.
    public var lastActivityMicros: Int64 = 0
    /// When the open reservation expires (nil when none is open, or a call started).
    public var reservationExpires: Int64?
    public var reservationID = ""
    /// The call open now (dialled, not yet saved), and when its phase began: `advance` closes a
    /// call open too long.
    public var openCallID = ""
    public var openCallSince: Int64 = 0
    /// `advance(to:)` recorded the hot lead's escalation, or the callback coming due.
    public var escalated = false
    public var callbackSurfaced = false
    /// The caller of the open call.
    var currentCaller = ""

    public init(contactID: String) {
        self.contactID = contactID
    }

    /// The UTC day of `micros`.
    public static func day(_ micros: Int64) -> Int32 {
        Int32(clamping: (micros >= 0 ? micros : micros - 86_399_999_999) / 86_400_000_000)
    }

    /// Folds one of the enrolment's events in (events of other campaigns must not reach it).
    public mutating func apply(_ change: EnrolmentChange, position: UInt64) {
        switch change {
        case .saved(let saved): record(saved)
        case .dialStarted(let call, let at, let caller):
            recordDial(at: at, caller: caller)
            openCallID = call
            openCallSince = at
        case .ended(let ended): record(ended)
        case .connected(let call, let at): if call == openCallID { openCallSince = at }
        case .reserved(let reserved):
            busy = true
            currentCaller = reserved.callerMemberID
            reservationExpires = reserved.expiresAtMicros
            reservationID = reserved.reservationID
        case .released:
            busy = false
            reservationExpires = nil
        case .escalated: escalated = true
        case .callbackSurfaced: callbackSurfaced = true
        case .callback(let callback):
            callbackDue = callback.dueAtMicros
            callbackOwner = callback.ownerMemberID
            callbackSurfaced = false
        case .reassigned(let member): owner = member
        case .provisionalDial(let at, let caller):
            recordDial(at: at, caller: caller)
            busy = false
        case .enrolled(let enrolled):
            self = EnrolmentRecord(contactID: contactID)
            self.enrolled = true
            enrolledAt = position
            lastActivityMicros = enrolled.occurred.atMicros
            callStatus = enrolled.callStatus
        case .unenrolled: enrolled = false
        }
    }

    private mutating func recordDial(at micros: Int64, caller: String) {
        attempts += 1
        let day = Self.day(micros)
        dialsThatDay = day == dialDay ? dialsThatDay + 1 : 1
        dialDay = day
        lastDialMicros = micros
        lastActivityMicros = micros
        currentCaller = caller
        reservationExpires = nil
        // A dial follows up a hot lead, and makes the callback scheduled before it (the queue
        // keeps a scheduled callback out of every lane until it is due, so a dial after one is it).
        hotLeadSince = nil
        escalated = false
        callbackDue = nil
        callbackOwner = ""
    }

    private mutating func record(_ ended: Callstack_V1_CallEnded) {
        lastEndMicros = ended.occurred.atMicros
        if ended.callID == openCallID { openCallSince = ended.occurred.atMicros }
        lastResult = ended.result
        if ended.result == .connected, owner.isEmpty { owner = currentCaller }
        let day = Self.day(ended.occurred.atMicros)
        if ended.result == .failed, day != lastFailedDay {
            failedDays += 1
            lastFailedDay = day
        }
    }

    private mutating func record(_ saved: Callstack_V1_OutcomeSaved) {
        busy = false
        openCallID = ""
        lastOutcomeID = saved.outcomeID
        if !saved.callStatus.isEmpty { callStatus = saved.callStatus }
        final = saved.flags.contains(.final)
        if saved.flags.contains(.hotLead) {
            hotLeadSince = saved.occurred.atMicros
            escalated = false
        }
        // The provisional event (demo, replay benchmark) has no CallEnded: it ends the attempt.
        if lastEndMicros < lastDialMicros { lastEndMicros = saved.occurred.atMicros }
    }
}

/// An event of an enrolment, as the queue reads it.
public enum EnrolmentChange: Sendable {
    case enrolled(Callstack_V1_ContactEnrolled)
    case unenrolled
    case reserved(Callstack_V1_CallReserved)
    case released
    case dialStarted(callID: String, at: Int64, caller: String)
    /// The provisional `CallDialled` (demo burst, replay benchmark): a dial and its end at once.
    case provisionalDial(at: Int64, caller: String)
    case connected(callID: String, at: Int64)
    case ended(Callstack_V1_CallEnded)
    case saved(Callstack_V1_OutcomeSaved)
    case callback(Callstack_V1_CallbackScheduled)
    case reassigned(to: String)
    case escalated
    case callbackSurfaced
}
