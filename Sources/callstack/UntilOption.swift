import ArgumentParser
import CallStack
import EventLog

/// `--until POSITION|TIME`, shared by the commands that stop part-way through the log.
struct UntilOption: ParsableArguments {
    @Option(help: "Stop at this global position or at the last event recorded by this RFC 3339 time (default: the head).")
    var until: String?

    func validate() throws {
        if let until, UInt64(until) == nil, RFC3339.parse(until) == nil {
            throw ValidationError("--until takes a position or an RFC 3339 time")
        }
    }

    /// The last position to include.
    func position(in log: EventLog) throws -> UInt64 {
        let head = try log.headPosition()
        guard let until else { return head }
        if let position = UInt64(until) { return min(position, head) }
        guard let time = RFC3339.parse(until) else { return 0 }
        return try log.position(at: time) ?? 0
    }
}
