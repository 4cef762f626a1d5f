/// One suppression list (the global list, or one client's) as its events leave it.
public struct SuppressionList: Sendable, Equatable {
    /// Entry id → entry.
    public var entries: [String: SuppressionEntry] = [:]

    public init() {}

    /// The entries by id: the order matches are looked for in, and lists are shown in.
    public var ordered: [SuppressionEntry] {
        entries.keys.sorted().compactMap { entries[$0] }
    }

    /// The first entry, by id, in force at `time` that covers the phone or the email.
    public func match(phone: E164Phone?, email: String?, at time: BusinessTime) -> SuppressionEntry? {
        Self.match(ordered, phone: phone, email: email, at: time)
    }

    /// The entry that suppresses a contact for a campaign of `client`: the global list first, then
    /// the client's. Nil when the contact may be called.
    public static func match(
        global: SuppressionList, client: SuppressionList?, phone: E164Phone?, email: String?, at time: BusinessTime
    ) -> SuppressionEntry? {
        match(global.ordered + (client?.ordered ?? []), phone: phone, email: email, at: time)
    }

    /// The first of `entries` (lists already in order, for many look-ups) that covers the phone or
    /// the email at `time`.
    public static func match(_ entries: [SuppressionEntry], phone: E164Phone?, email: String?, at time: BusinessTime) -> SuppressionEntry? {
        entries.first { $0.matches(phone: phone, email: email, at: time) }
    }
}
