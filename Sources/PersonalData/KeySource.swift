import Crypto
import EventLog
import Synchronization

/// Where new keys come from: the system's secure random source, or, for tests, benchmarks and
/// the seeded demo, a seeded generator that makes the same keys in the same order every run.
public final class KeySource: Sendable {
    private let seeded: Mutex<SplitMix64?>

    private init(seed: UInt64?) {
        seeded = Mutex(seed.map { SplitMix64(seed: $0) })
    }

    /// Keys from the system's secure random source. The only choice for real data.
    public static var system: KeySource { KeySource(seed: nil) }

    /// Reproducible keys: never for real data, since anyone with the seed has every key.
    public static func seeded(_ seed: UInt64) -> KeySource { KeySource(seed: seed) }

    /// `count` new key bytes.
    func bytes(_ count: Int) -> [UInt8] {
        seeded.withLock { generator in
            guard var source = generator else {
                return SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            while bytes.count < count {
                withUnsafeBytes(of: source.next().littleEndian) { bytes.append(contentsOf: $0) }
            }
            generator = source
            return Array(bytes.prefix(count))
        }
    }
}
