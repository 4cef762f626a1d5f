public import CallStackEvents

/// The plaintext facts about an enrolled contact that routing rules and follow-up rules test:
/// its source, its call status in the campaign, its phones' regions and its non-personal custom
/// fields. Sealed fields (name, title, personal custom fields) are not facts: a predicate on one
/// never holds, so a rule cannot leak what it cannot read.
public struct ContactFacts: Sendable, Equatable {
    public var source: String
    public var callStatus: String
    public var phoneRegions: [String]
    /// Plaintext custom fields, by key.
    public var custom: [String: String]

    public init(source: String = "", callStatus: String = "", phoneRegions: [String] = [], custom: [String: String] = [:]) {
        self.source = source
        self.callStatus = callStatus
        self.phoneRegions = phoneRegions
        self.custom = custom
    }

    /// True when every predicate holds (an empty list holds).
    public func satisfies(_ predicates: [Callstack_V1_Predicate]) -> Bool {
        predicates.allSatisfy(holds)
    }

    /// The predicate against the field it names; an unknown or sealed field never holds.
    public func holds(_ predicate: Callstack_V1_Predicate) -> Bool {
        let values: [String]
        switch predicate.field {
        case "source": values = source.isEmpty ? [] : [source]
        case "call_status": values = callStatus.isEmpty ? [] : [callStatus]
        case "phone_region": values = phoneRegions.filter { !$0.isEmpty }
        case let field where field.hasPrefix("custom."):
            values = custom[String(field.dropFirst("custom.".count))].map { $0.isEmpty ? [] : [$0] } ?? []
        default: return false
        }
        switch predicate.operator {
        case .present: return !values.isEmpty
        case .absent: return values.isEmpty
        case .equals: return predicate.values.count == 1 && values.contains(predicate.values[0])
        case .notEquals: return predicate.values.count == 1 && !values.contains(predicate.values[0])
        case .oneOf: return values.contains { predicate.values.contains($0) }
        case .prefix: return predicate.values.count == 1 && values.contains { $0.hasPrefix(predicate.values[0]) }
        case .unspecified, .UNRECOGNIZED: return false
        }
    }
}
