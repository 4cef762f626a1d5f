@testable import EventLog
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
        let link = store.sibling("link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store.path)
        #expect(try EventLog.open(at: link) === first, "a symbolic link names the same store")
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

    @Test("closing from several tasks while appends are queued is safe; queued appends finish")
    func concurrentClose() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        let resume = log.pauseWriter()
        let appends = (0..<8).map { index in Task { try await log.append(Sample.batch("s-\(index)")) } }
        while log.queuedWriterJobs < 8 { await Task.yield() }
        let closers = (0..<3).map { _ in Task.detached { log.close() } }
        resume()
        for closer in closers { await closer.value }
        var landed = 0
        for append in appends {
            if (try? await append.value) != nil { landed += 1 }
        }
        #expect(landed == 8, "queued appends must finish before the close")
        #expect(try store.open().verify().events == 8)
    }

    @Test("verify reads one snapshot while appends keep landing")
    func verifyDuringAppends() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("warm", count: 10))
        let writer = Task {
            for index in 0..<300 { try await log.append(Sample.batch("busy-\(index % 7)", count: 3)) }
        }
        var checks = 0
        repeat {
            let report = try log.verify()
            #expect(report.events >= 10)
            checks += 1
        } while try log.headPosition() < 910
        try await writer.value
        let final = try log.verify()
        #expect(checks > 0 && final.events == 910)
    }

    @Test("reads, verify and close inside a scan's callback neither deadlock nor break the store")
    func nestedInScan() async throws {
        let store = TemporaryStore()
        do {
            let log = try store.open()
            try await log.append(Sample.batch("s", count: 5))
            var heads: [UInt64] = []
            try log.scan { record in
                heads.append(try log.headPosition())
                #expect(try log.position(of: record.id) == record.position)
                if record.position == 3 {
                    #expect(try log.verify().events == 5)
                    log.close()
                }
            }
            #expect(heads == [5, 5, 5, 5, 5])
            let error = await #expect(throws: EventLogError.self) { try await log.append(Sample.batch("s")) }
            #expect(error?.code == .closed)
        }
        #expect(try store.open().verify().events == 5)
    }

    @Test("opening a store from inside its own scan while another thread closes it fails instead of deadlocking")
    func openInsideScanWhileClosing() async throws {
        let store = TemporaryStore()
        let log = try store.open()
        try await log.append(Sample.batch("s", count: 2))
        let key = OpenStores.key(for: store.path)
        var closer: Thread?
        var reopenError: EventLogError?
        try log.scan(limit: 1) { _ in
            let thread = Thread { log.close() }
            closer = thread
            thread.start()
            while !OpenStores.isClosing(key) { sched_yield() }
            do { _ = try store.open() } catch let error as EventLogError { reopenError = error }
        }
        #expect(closer != nil && reopenError?.code == .closed)
        while OpenStores.isClosing(key) { await Task.yield() }
        #expect(try store.open().headPosition() == 2)
    }
}
