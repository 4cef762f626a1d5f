/// Suppression entries indexed for many look-ups, as an import makes one per row: exact phones
/// and emails by value, phone prefixes and email domains by each prefix or parent domain of the
/// value looked up. A look-up costs a few dictionary probes however long the lists are (a do-not-
/// call list of millions of numbers included), and answers what a walk of the lists in order
/// would: the first entry, in list order, in force at the time.
public struct SuppressionIndex: Sendable {
    private let entries: [SuppressionEntry]
    /// Normalised value → the positions in `entries` of the entries with it, by kind.
    private var phones: [String: [Int]] = [:]
    private var phonePrefixes: [String: [Int]] = [:]
    private var emails: [String: [Int]] = [:]
    private var domains: [String: [Int]] = [:]

    /// `entries` in the order matches are looked for in (the global list's, then the client's).
    public init(_ entries: [SuppressionEntry]) {
        self.entries = entries
        for (position, entry) in entries.enumerated() {
            switch entry.kind {
            case .phone: phones[entry.value, default: []].append(position)
            case .phonePrefix: phonePrefixes[entry.value, default: []].append(position)
            case .email: emails[entry.value, default: []].append(position)
            case .emailDomain: domains[entry.value, default: []].append(position)
            }
        }
    }

    /// The first entry in force at `time` that covers the phone (E.164, such as `+447700900123`)
    /// or the email.
    public func match(phone: String?, email: String?, at time: BusinessTime) -> SuppressionEntry? {
        guard !entries.isEmpty else { return nil }
        var candidates: [Int] = []
        if let phone {
            candidates += phones[phone] ?? []
            if !phonePrefixes.isEmpty {
                let bytes = Array(phone.utf8)
                for length in stride(from: 2, through: bytes.count, by: 1) {
                    candidates += phonePrefixes[String(decoding: bytes[..<length], as: UTF8.self)] ?? []
                }
            }
        }
        if let email {
            let lowered = email.lowercased()
            candidates += emails[lowered] ?? []
            if !domains.isEmpty, let at = lowered.lastIndex(of: "@") {
                var domain = lowered[lowered.index(after: at)...]
                while !domain.isEmpty {
                    candidates += domains[String(domain)] ?? []
                    guard let dot = domain.firstIndex(of: ".") else { break }
                    domain = domain[domain.index(after: dot)...]
                }
            }
        }
        guard !candidates.isEmpty else { return nil }
        let number = phone.flatMap { try? E164Phone($0) }
        return candidates.sorted().lazy.map { entries[$0] }.first { $0.matches(phone: number, email: email, at: time) }
    }
}
