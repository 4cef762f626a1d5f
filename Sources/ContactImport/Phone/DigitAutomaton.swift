/// A minimal DFA over the digits 0–9, compiled from one of libphonenumber's patterns by
/// `Scripts/generate-numbering-plans.py`: state 0 is the start; 0xFF is the dead state.
struct DigitAutomaton: Sendable {
    let transitions: [UInt8]
    let accepting: [Bool]

    /// True when the whole of `digits` (ASCII) is in the pattern's language.
    func matches<C: Collection<UInt8>>(_ digits: C) -> Bool {
        var state = 0
        for digit in digits {
            let symbol = Int(digit &- 48)
            guard symbol < 10 else { return false }
            let next = transitions[state * 10 + symbol]
            if next == 0xFF { return false }
            state = Int(next)
        }
        return accepting[state]
    }

    /// The lengths of the prefixes of `digits` that the pattern matches, shortest first.
    func prefixLengths<C: Collection<UInt8>>(_ digits: C) -> [Int] {
        var state = 0
        var lengths = accepting[0] ? [0] : []
        var length = 0
        for digit in digits {
            let symbol = Int(digit &- 48)
            guard symbol < 10 else { break }
            let next = transitions[state * 10 + symbol]
            if next == 0xFF { break }
            state = Int(next)
            length += 1
            if accepting[state] { lengths.append(length) }
        }
        return lengths
    }
}
