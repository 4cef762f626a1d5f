/// Guesses a file's field separator from its first lines: the candidate found the same number of
/// times (outside quotes) on the most lines, preferring more occurrences; `,` when none is found.
enum CSVDelimiterSniffer {
    static let sampleLines = 20

    static func sniff(_ text: ArraySlice<UInt8>, candidates: [UInt8] = CSVOptions.candidateDelimiters) -> UInt8 {
        let lines = sample(text, candidates: candidates)
        var best: (delimiter: UInt8, score: Int) = (UInt8(ascii: ","), 0)
        for candidate in candidates {
            let counts = lines.map { line in line.count { $0 == candidate } }
            var frequency: [Int: Int] = [:]
            for count in counts where count > 0 { frequency[count, default: 0] += 1 }
            // The most common non-zero count, and on how many lines it occurs.
            guard let (perLine, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
            let score = lines * 1_000 + perLine
            if score > best.score { best = (candidate, score) }
        }
        return best.delimiter
    }

    /// Up to ``sampleLines`` non-blank lines, with quoted text left out. A quote opens quoted text
    /// only at the start of a field (at the start of a line, or after a candidate and spaces), so an
    /// inch mark (`5" screen`) is text; inside, a doubled quote is a quote.
    private static func sample(_ text: ArraySlice<UInt8>, candidates: [UInt8]) -> [[UInt8]] {
        let quote = UInt8(ascii: "\"")
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var quoted = false
        /// The last byte other than a space on this line, outside quotes; nil at its start.
        var previous: UInt8?
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            index += 1
            if quoted {
                guard byte == quote else { continue }
                if index < text.endIndex && text[index] == quote {
                    index += 1
                } else {
                    quoted = false
                    previous = quote
                }
            } else if byte == quote && (previous.map(candidates.contains) ?? true) {
                quoted = true
            } else if byte == 0x0A || byte == 0x0D {
                if !line.isEmpty { lines.append(line) }
                line.removeAll(keepingCapacity: true)
                previous = nil
                if lines.count == sampleLines { return lines }
            } else {
                line.append(byte)
                if byte != 0x20 { previous = byte }
            }
        }
        if !line.isEmpty && lines.count < sampleLines { lines.append(line) }
        return lines
    }
}
