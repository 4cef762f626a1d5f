import Foundation

/// What every `callstack bench` command shares: its scratch folder, its progress lines on
/// standard error, and its JSON report.
enum BenchOutput {
    /// `directory`, or a folder of this process's own under the temporary directory.
    static func scratch(_ directory: String?, _ name: String) -> String {
        directory ?? FileManager.default.temporaryDirectory.appendingPathComponent(
            "callstack-bench-\(name)\(name.isEmpty ? "" : "-")\(ProcessInfo.processInfo.processIdentifier)").path
    }

    /// A progress line, on standard error so that `--json` output stays clean.
    static func progress(_ step: String) {
        FileHandle.standardError.write(Data("bench: \(step)\n".utf8))
    }

    /// The report as pretty-printed JSON with sorted keys.
    static func printJSON(_ report: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
