import EventLogTestSupport
import Foundation
import Testing

@Suite("The embedding example", .serialized, .timeLimit(.minutes(1)))
struct EmbeddingServiceTests {
    @Test("Examples/EmbeddingService runs against a fresh store, and again on the same store")
    func runs() throws {
        let store = TemporaryStore("embedding")
        let program = CommandLineTool.program("EmbeddingService")
        let first = try CommandLineTool.run([store.path], program: program)
        #expect(first.status == 0, "\(first.errorOutput)")
        #expect(first.output.split(separator: "\n").map(String.init) == [
            "create workspace: done at 1",
            "invite bo: done at 2",
            "suppress +447700900123: done at 3",
            "bo suppresses too: refused: bo may not add to or remove from the global suppression list: it takes a Team Admin",
            "may call +447700900123: no (asked not to be called)",
            "members: ada, bo",
            "workspace defaults: done at 4",
            "add client globex: done at 5",
            "create campaign spring: done at 6",
            "activate spring: refused: invalid command: campaign spring cannot be activated: the brief needs at least one final outcome (call_handling.outcomes with flag FINAL)",
            "outcomes and window: done at 8",
            "activate spring: done at 9",
            "dialing.mode = DIALING_MODE_PROGRESSIVE (workspace)",
            "dialing.calling_window = start: \"10:00\" end: \"18:00\" (campaign)",
            "max_attempts = 6 (built-in)",
        ], "\(first.output)")
        let again = try CommandLineTool.run([store.path], program: program)
        #expect(again.status == 0 && again.output.hasPrefix("create workspace: already done at 1"), "\(again.output)")
        let usage = try CommandLineTool.run([], program: program)
        #expect(usage.status == 64)
    }
}
