/// Guesses a file's field separator from its first lines: the candidate found the same number of
/// times (outside quotes) on the most lines, preferring more occurrences; `,` when none is found.
enum CSVDelimiterSniffer {
    static let sampleLines = 20

    static func sniff(_ text: ArraySlice<UInt8>, candidates: [UInt8] = CSVOptions.candidateDelimiters) -> UInt8 {
        let lines = sample(text)
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

    /// Up to ``sampleLines`` non-blank lines, with quoted text left out.
    private static func sample(_ text: ArraySlice<UInt8>) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var line: [UInt8] = []
        var quoted = false
        for byte in text {
            if byte == UInt8(ascii: "\"") {
                quoted.toggle()
            } else if !quoted && (byte == 0x0A || byte == 0x0D) {
                if !line.isEmpty { lines.append(line) }
                line.removeAll(keepingCapacity: true)
                if lines.count == sampleLines { return lines }
            } else if !quoted {
                line.append(byte)
            }
        }
        if !line.isEmpty && lines.count < sampleLines { lines.append(line) }
        return lines
    }
}
