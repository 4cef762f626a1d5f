import Foundation
import LogBench

/// A one-line progress bar on standard error with rate and time left, drawn only when standard
/// error is a terminal: scripts and pipes see nothing of it.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let unit: String
    private let enabled = isatty(STDERR_FILENO) == 1
    private let started = ContinuousClock.now
    private var lastPercent = -1

    init(label: String, unit: String = "events") {
        self.label = label
        self.unit = unit
    }

    func update(_ done: UInt64, of total: UInt64) {
        guard enabled, total > 0 else { return }
        let percent = Int(min(done, total) * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let elapsed = max((ContinuousClock.now - started).seconds, 1e-6)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(total - min(done, total)) / rate : 0
        let text = "\r\(label) [\(bar)] \(percent)% \(done)/\(total) \(unit), \(Int(rate))/s, ETA \(Self.clock(left))  "
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        guard enabled, lastPercent >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
