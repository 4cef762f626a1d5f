/// The shape of a generated workspace: how many contacts, callers and days, and the seed that
/// makes it the same every time.
public struct WorkloadPlan: Sendable, Equatable {
    public var seed: UInt64
    /// Contacts in each campaign's list (before the messy rows are rejected).
    public var contactsPerCampaign: Int
    /// Callers; each works one campaign, in turn.
    public var callers: Int
    /// Days of calling, from 2027-01-11 (a Monday), each caller on a 09:00–17:00 shift.
    public var days: Int
    /// Two campaigns for two clients, each with its own list.
    public let campaigns = ["spring-renewals", "summer-launch"]

    public init(seed: UInt64 = 42, contactsPerCampaign: Int = 300, callers: Int = 6, days: Int = 3) {
        self.seed = seed
        self.contactsPerCampaign = contactsPerCampaign
        self.callers = callers
        self.days = days
    }

    /// 2027-01-11T00:00:00Z.
    public static let firstDayMicros: Int64 = 1_799_625_600_000_000
}
