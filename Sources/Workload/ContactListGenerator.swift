import EventLog
import Foundation

/// A messy contact list in CSV, as spreadsheets give them: mixed phone formats, accents, stray
/// spaces, a few rows without a phone or with a broken email, a few duplicated numbers. The same
/// seed gives the same bytes.
struct ContactListGenerator {
    static let header = "Full Name,Phone,Email,Company,Industry,Deal Size,Source"
    static let firstNames = ["José", "Ann", "Bob", "Zoë", "Renée", "Li", "Omar", "Priya", "Seán", "Chloé", "Mateo", "Ingrid", "Kwame", "Hana", "Luca", "Noor"]
    static let lastNames = ["Müller", "Lee", "Ray", "O'Brien", "Dupont", "Nakamura", "Haddad", "Patel", "Kowalski", "García", "Smith", "Nguyen", "Okafor", "Berg"]
    static let companies = ["Initrode", "Vandelay Industries", "Hooli", "Stark & Sons", "Umbrella Ltd", "Wonka Foods", "Soylent", "Cyberdyne"]
    static let industries = ["insurance", "Retail", "software ", "logistics", ""]
    static let sources = ["referral", "webinar", "list", "list", "Webinar"]
    /// UK drama ranges (Ofcom's numbers for fiction): each campaign its own, so lists do not
    /// overlap; 2,000 distinct numbers a campaign (a longer list repeats them: duplicates).
    static let ranges = [["20 7946 ", "161 496 "], ["121 496 ", "113 496 "]]

    let plan: WorkloadPlan

    /// The list for campaign `index`: `contactsPerCampaign` rows after the header.
    func csv(campaign index: Int) -> String {
        var random = SeededRandom(seed: plan.seed &+ UInt64(index) &* 7_919)
        var lines = [Self.header]
        var phones: [String] = []
        let ranges = Self.ranges[index % Self.ranges.count]
        for row in 0..<plan.contactsPerCampaign {
            let name = random.pick(Self.firstNames) + " " + random.pick(Self.lastNames)
            let local = String(format: "%04d", row % 1_000)
            let range = ranges[(row / 1_000) % ranges.count]
            var phone = format(range, local, &random)
            if row > 10, random.chance(2), let earlier = phones.last { phone = earlier }  // duplicated in the file
            if random.chance(1) { phone = "" }  // no phone: rejected, phone is required
            if random.chance(1) { phone = "12345" }  // not a number
            phones.append(phone)
            let handle = name.lowercased().filter { $0.isLetter && $0.isASCII }
            var email = "\(handle)\(row)@\(random.pick(["example.com", "mail.example", "corp.example"]))"
            if random.chance(2) { email = email.replacingOccurrences(of: "@", with: " at ") }
            let deal = random.chance(70) ? String(random.int(5...500) * 100) : ""
            let fields = [
                name, phone, email, random.pick(Self.companies), random.pick(Self.industries), deal, random.pick(Self.sources),
            ]
            lines.append(fields.map(Self.quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A number in one of the ways people type them.
    private func format(_ range: String, _ local: String, _ random: inout SeededRandom) -> String {
        let national = "0" + range + local
        switch random.int(0...3) {
        case 0: return national
        case 1: return "+44 " + range + local
        case 2: return "(0" + range.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: ") ") + " " + local
        default: return " " + national.replacingOccurrences(of: " ", with: "") + " "
        }
    }

    static func quoted(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
