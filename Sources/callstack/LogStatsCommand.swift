import ArgumentParser
import EventLog
import Foundation

struct LogStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts, head, commits, map and file size, and durability mode.",
        discussion: "The head line is position:hash; keep it elsewhere and pass it to `log verify --expect-head`."
    )

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        print(StatisticsText(try log.statistics()).lines.joined(separator: "\n"))
    }
}

/// The human-readable form of ``LogStatistics``, shared by `log stats` and `demo`.
struct StatisticsText {
    let statistics: LogStatistics

    init(_ statistics: LogStatistics) { self.statistics = statistics }

    var lines: [String] {
        let s = statistics
        var lines = [
            "events       \(s.events)",
            "streams      \(s.streams)",
            "head         \(s.head)",
            "commits      \(s.commits)",
            "map          \(Self.bytes(s.usedBytes)) used of \(Self.bytes(s.mapSize))",
            "file         \(Self.bytes(s.fileSize))",
            "durability   \(s.lastWriterDurability.map { "\($0) (the last writer's)" } ?? "no writer yet")",
        ]
        if s.staleReadersClearedAtOpen > 0 {
            lines.append("readers      \(s.staleReadersClearedAtOpen) stale reader slots of dead processes cleared")
        }
        if s.sessionAppendCalls > 0 {
            lines.append(
                "this run     \(s.sessionAppendCalls) appends in \(s.sessionCommits) commits "
                    + "(largest group \(s.sessionLargestGroup)), map grown \(s.sessionMapGrowths)×")
        }
        return lines
    }

    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f %@", value, units[unit])
    }
}
