public import CallStackDomain
import CallStackEvents
import EventSourcing

extension Engine {
    /// The entry that suppresses a phone or an email for `client`'s campaigns at `time` (the global
    /// list first, then the client's); nil when they may be called. Every role may ask this of a
    /// contact it can see (callers see suppression state in preview); listing the entries is the
    /// `readSuppression` query.
    public func suppression(phone: E164Phone?, email: String?, client: String?, at time: BusinessTime) throws -> SuppressionEntry? {
        SuppressionList.match(
            global: try suppressionList(client: nil), client: try client.map { try suppressionList(client: $0) },
            phone: phone, email: email, at: time)
    }

    /// The global list (`client` nil) or a client's list, as its events leave it.
    public func suppressionList(client: String?) throws -> SuppressionList {
        let id = client ?? ""
        let stream = id.isEmpty ? "workspace" : "client-" + id
        return SuppressionDecider().fold(
            try StreamHistory(of: stream, in: log, registry: registry).events.map { SuppressionEvent($0, list: id) })
    }
}
