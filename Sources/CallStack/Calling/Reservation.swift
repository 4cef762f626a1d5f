public import CallStackEvents

/// A contact handed to a caller by ``Engine/next(caller:campaign:at:)``: reserved for them until
/// it expires, and why it was chosen.
public struct Reservation: Sendable, Equatable {
    public let reservationID: String
    public let contactID: String
    public let campaignID: String
    public let caller: String
    public let expiresAtMicros: Int64
    /// The lane it came from, and the rule that put it there.
    public let lane: String
    public let reason: String
    /// The dialing mode in force when it was handed out (preview when the abandon-rate guardrail
    /// made power or progressive fall back): preview shows the card first.
    public let mode: Callstack_V1_DialingMode
}

/// What ``Engine/advance(to:by:)`` recorded.
public struct AdvanceReport: Sendable, Equatable {
    /// Reservations released because nobody dialled them in time.
    public var expired = 0
    /// Hot leads escalated past their service-level time.
    public var escalated = 0
    /// Callbacks that came due.
    public var callbacksDue = 0
    /// Calls left open too long, closed with the system outcome.
    public var closedCalls = 0
    /// Campaigns paused by the failure guardrail.
    public var paused = 0
    /// System commands refused (a race with a caller, say), which the next advance retries.
    public var refused = 0

    public init(expired: Int = 0, escalated: Int = 0, callbacksDue: Int = 0, closedCalls: Int = 0, paused: Int = 0, refused: Int = 0) {
        self.closedCalls = closedCalls
        self.paused = paused
        self.expired = expired
        self.escalated = escalated
        self.callbacksDue = callbacksDue
        self.refused = refused
    }
}
