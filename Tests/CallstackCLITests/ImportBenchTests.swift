import EventLogTestSupport
import Foundation
import Testing

/// The import benchmarks run end to end at a tiny size and report what they measured.
@Suite("callstack bench csv and bench import", .serialized, .timeLimit(.minutes(2)))
struct ImportBenchTests {
    private func json(_ arguments: [String]) throws -> [String: Any] {
        let run = try CommandLineTool.run(arguments)
        #expect(run.status == 0, "\(run.errorOutput)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    }

    @Test("bench csv reads the same fields with both readers")
    func csv() throws {
        let report = try json(["bench", "csv", "--rows", "200", "--rounds", "1", "--json"])
        #expect(report["fields"] as? Int == 201 * 6 && report["csv_swift_fields"] as? Int == 201 * 6)
        #expect((report["callstack_rows_per_second"] as? Double ?? 0) > 0 && (report["phones_per_second"] as? Double ?? 0) > 0)
    }

    @Test("bench import seeds, imports, skips the duplicates and reports rate and peak memory")
    func importing() throws {
        let report = try json(["bench", "import", "--rows", "20", "--existing", "20", "--json"])
        #expect(report["created"] as? Int == 18 && report["skipped_duplicates"] as? Int == 2 && report["rejected"] as? Int == 0)
        #expect((report["rows_per_second"] as? Double ?? 0) > 0 && (report["peak_rss_bytes"] as? Int ?? 0) > 0)
    }
}
