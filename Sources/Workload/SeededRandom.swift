import EventLog

/// The generator's randomness: EventLog's SplitMix64, whose whole state is one number, so the same
/// seed gives the same sequence on every machine and in every process.
typealias SeededRandom = SplitMix64

extension SplitMix64 {
    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool {
        Int(next() % 10_000) < percent * 100
    }

    /// A value in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// One of `items`.
    mutating func pick<T>(_ items: [T]) -> T {
        items[Int(next() % UInt64(items.count))]
    }
}
