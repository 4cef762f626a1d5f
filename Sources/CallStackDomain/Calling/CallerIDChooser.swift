public import CallStackEvents

/// Picks the caller ID a dial presents, from the workspace's inventory: an active number of the
/// contact's country, one of the same area first, rotated so that successive attempts on a
/// contact (and different contacts) do not all present the same number. Pure and deterministic:
/// the rotation is the attempt number plus a stable hash of the contact id.
public struct CallerIDChooser: Sendable {
    public let inventory: [Callstack_V1_CallerID]

    public init(inventory: [Callstack_V1_CallerID]) {
        self.inventory = inventory
    }

    /// The number to present when calling `contactNumber` (E.164) in `region`, on the contact's
    /// `attempt`-th dial (0 first); nil when no active number of that country is in the inventory.
    public func choose(contactID: String, contactNumber: String, region: String, attempt: Int) -> String? {
        let country = inventory.filter { $0.status == .active && $0.country == region }.sorted { $0.number < $1.number }
        let local = country.filter { Self.sameArea($0, contactNumber) }
        let pool = local.isEmpty ? country : local
        guard !pool.isEmpty else { return nil }
        let turn = (UInt64(truncatingIfNeeded: max(0, attempt)) &+ Self.stableHash(contactID)) % UInt64(pool.count)
        return pool[Int(turn)].number
    }

    /// True when the caller ID's area code is the contact number's: the area follows the country
    /// code in both numbers (country codes are 1 to 3 digits; the caller ID's own number says which).
    static func sameArea(_ callerID: Callstack_V1_CallerID, _ contactNumber: String) -> Bool {
        let area = callerID.area
        guard !area.isEmpty, area.allSatisfy(\.isNumber) else { return false }
        let digits = callerID.number.dropFirst()
        guard let codeLength = (1...3).first(where: { digits.dropFirst($0).hasPrefix(area) }) else { return false }
        let prefix = callerID.number.prefix(1 + codeLength) + area
        return contactNumber.hasPrefix(prefix)
    }

    /// FNV-1a over the id's bytes: the same in every process (Swift's `hashValue` is seeded).
    static func stableHash(_ id: String) -> UInt64 {
        id.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
