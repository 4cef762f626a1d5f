/// One suppression list (the global list, or one client's) as its events leave it.
public struct SuppressionList: Sendable, Equatable {
    /// Entry id → entry.
    public var entries: [String: SuppressionEntry] = [:]

    public init() {}

    /// The first entry, by id, in force at `time` that covers the phone or the email.
    public func match(phone: E164Phone?, email: String?, at time: BusinessTime) -> SuppressionEntry? {
        entries.keys.sorted().lazy.compactMap { entries[$0] }.first { $0.matches(phone: phone, email: email, at: time) }
    }

    /// The entry that suppresses a contact for a campaign of `client`: the global list first, then
    /// the client's. Nil when the contact may be called.
    public static func match(
        global: SuppressionList, client: SuppressionList?, phone: E164Phone?, email: String?, at time: BusinessTime
    ) -> SuppressionEntry? {
        global.match(phone: phone, email: email, at: time) ?? client?.match(phone: phone, email: email, at: time)
    }
}
