import EventLog
import EventLogTestSupport
import Foundation
import Testing

@Suite("Opening and closing", .timeLimit(.minutes(1)))
struct LifecycleTests {
    @Test("a folder open in this process gives back the live instance")
    func sameInstance() throws {
        let store = TemporaryStore()
        let first = try store.open()
        let second = try EventLog.open(at: store.path + "/../" + (store.path as NSString).lastPathComponent)
        #expect(first === second)
        let reader = try EventLog.open(at: store.path, configuration: .init(readOnly: true))
        #expect(reader === first, "a read-only open may share the writable instance")
    }

    @Test("a read-only instance is not upgraded to a writable one")
    func readOnlyFirst() async throws {
        let store = TemporaryStore()
        try await store.open().append(Sample.batch("s"))
        let reader = try EventLog.open(at: store.path, configuration: .init(readOnly: true))
        let error = #expect(throws: EventLogError.self) { try store.open() }
        #expect(error?.code == .invalidArgument)
        reader.close()
        #expect(try store.open().headPosition() == 1)
    }

    @Test("after close, reads and appends fail with .closed and a new open works")
    func closeThenReopen() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("s"))
        log.close()
        #expect(throws: EventLogError.self) { try log.headPosition() }
        let append = await #expect(throws: EventLogError.self) { try await log.append(Sample.batch("s")) }
        #expect(append?.code == .closed)
        let reopened = try store.open()
        #expect(reopened !== log)
        #expect(try reopened.headPosition() == 1)
    }
}
