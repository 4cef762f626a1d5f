/// Header names as people write them (`E-Mail Address `, `PHONE_NUMBER`, `First name`), reduced to
/// one spelling for matching: lowercase, letters and digits, words separated by single spaces.
public enum ColumnHeader {
    public static func normalized(_ header: String) -> String {
        var words: [String] = []
        var word = ""
        for character in header.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.joined(separator: " ")
    }

    /// The key of a set of headers for mapping memory: their normalized spellings, in column order.
    public static func signature(_ headers: [String]) -> String {
        headers.map(normalized).joined(separator: "|")
    }
}
