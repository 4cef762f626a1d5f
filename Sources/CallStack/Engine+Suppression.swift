public import CallStackDomain
import CallStackEvents
import EventSourcing

extension Engine {
    /// The entry that suppresses a phone or an email for `client`'s campaigns at `time` (the global
    /// list first, then the client's); nil when they may be called. Every role may ask this of a
    /// contact it can see (callers see suppression state in preview); listing the entries is the
    /// `readSuppression` query.
    public func suppression(phone: E164Phone?, email: String?, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        let decider = SuppressionDecider()
        let global = decider.fold(try StreamHistory(of: "workspace", in: log, registry: registry).events.map { SuppressionEvent($0, list: "") })
        let clientList = try client.map { id in
            decider.fold(try StreamHistory(of: "client-" + id, in: log, registry: registry).events.map { SuppressionEvent($0, list: id) })
        }
        return SuppressionList.match(global: global, client: clientList, phone: phone, email: email, at: time)
    }
}
