/// Calendar dates written YYYY-MM-DD (ISO 8601), as custom fields and campaign targets take them.
public enum ISODate {
    /// A number that orders the dates (year × 10,000 + month × 100 + day); nil for text that is
    /// not a real calendar date in that form.
    public static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.map(\.count) == [4, 2, 2], parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        guard day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] else { return nil }
        return year * 10_000 + month * 100 + day
    }
}
