internal import CLMDB
public import Foundation
import Synchronization

/// An append-only event log in an LMDB store folder.
///
/// - Appends are batches to streams with optimistic concurrency (``ExpectedVersion``). One call may
///   append several batches atomically. Concurrent calls are merged into one LMDB commit (group
///   commit), yet each gets its own result or its own error.
/// - Global positions are assigned inside the write transaction: dense, gap-free, from 1.
/// - Every record carries a CRC-32C and a link of a SHA-256 hash chain; ``verify(anchor:)`` checks
///   them and the indexes.
/// - Reads are synchronous and short; long reads renew their transaction per batch, so the map can
///   grow while they run.
///
/// All writes run on one dedicated thread. The type is `Sendable`: share one instance per store
/// within a process. Opening a folder that this process already has open returns the live
/// instance (LMDB must not open one store twice in a process).
public final class EventLog: Sendable {
    /// The store folder.
    public let path: String
    /// The durability this instance commits with.
    public let durability: Durability
    /// True when opened with ``EventLogConfiguration/readOnly``.
    public let isReadOnly: Bool

    let environment: LMDBEnvironment
    let dbs: LogDatabases
    let gate = ReaderGate()
    let signal: HeadSignal
    let growthThreshold: Double
    /// Reader slots of dead processes that the open cleared.
    let staleReadersCleared: Int
    private let counters = Mutex(SessionCounters())
    let writerBox = Mutex<LogWriter?>(nil)
    /// Set once by ``close()``, inside the exclusive gate; read inside the shared gate.
    private let closed = Mutex(false)
    private let registryKey: String

    /// Opens the store in the folder at `path`, creating both when missing.
    ///
    /// Clears reader slots left by crashed processes. Throws ``EventLogError`` with code `.io` when
    /// the folder cannot be created and `.storage` when LMDB refuses the files.
    ///
    /// If this process has the folder open already, the live instance is returned and
    /// `configuration` is ignored, except that asking for writes from a read-only instance throws
    /// `.invalidArgument`.
    public static func open(at path: String, configuration: EventLogConfiguration = .init()) throws -> EventLog {
        if configuration.readOnly {
            guard FileManager.default.fileExists(atPath: path + "/data.mdb") else {
                throw EventLogError(.io, "no store at \(path)")
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw EventLogError(.io, "cannot create the store folder \(path): \(error.localizedDescription)")
            }
        }
        let key = OpenStores.key(for: path)
        return try OpenStores.instance(for: key) { live in
            guard configuration.readOnly || !live.isReadOnly else {
                throw EventLogError(.invalidArgument, "\(path) is open read-only in this process; close it first")
            }
            return live
        } make: {
            try EventLog(path: path, key: key, configuration: configuration)
        }
    }

    private init(path: String, key: String, configuration: EventLogConfiguration) throws {
        self.path = path
        registryKey = key
        isReadOnly = configuration.readOnly
        durability = configuration.durability
        growthThreshold = min(max(configuration.growthThreshold, 0.1), 0.95)
        var flags = Int32(MDB_NOTLS) | configuration.durability.lmdbFlags
        if configuration.readOnly { flags |= Int32(MDB_RDONLY) }
        let environment = try LMDBEnvironment(
            path: path, mapSize: max(configuration.initialMapSize, 64 << 10), maxReaders: configuration.maxReaders,
            maxDatabases: LogDatabases.count, flags: flags)
        self.environment = environment
        staleReadersCleared = try environment.clearStaleReaders()
        let databases = try configuration.readOnly
            ? Self.existingDatabases(in: environment)
            : Self.createDatabases(in: environment, durability: configuration.durability)
        dbs = databases
        // Nothing may throw once every property is set: deinit would then run inside open().
        let head = try environment.withReadTransaction { try $0.headPosition(in: databases) }
        signal = HeadSignal(head: head)
        if !configuration.readOnly {
            let window = configuration.groupCommitWindow
            let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
            writerBox.withLock {
                $0 = LogWriter(name: "EventLog writer \(path)", groupWindow: seconds) { [weak self] group in
                    guard let self else {
                        for append in group { append.complete(.failure(EventLogError(.closed, "the log was released"))) }
                        return
                    }
                    commit(group)
                }
            }
        }
    }

    /// Creating the databases is a write: it runs on a writer thread like every other write.
    /// Also records the durability this writer uses, for `log stats` (written only when it changes).
    private static func createDatabases(in environment: LMDBEnvironment, durability: Durability) throws -> LogDatabases {
        let writer = LogWriter(name: "EventLog writer \(environment.path)") { _ in }
        defer { writer.stop() }
        return try writer.perform {
            try environment.withWriteTransaction { txn in
                let dbs = try LogDatabases(environment: environment, txn: txn, create: true)
                if try txn.meta(.format, in: dbs) == nil { try txn.setMeta(.format, 1, in: dbs) }
                if try txn.meta(.durability, in: dbs) != durability.storedCode {
                    try txn.setMeta(.durability, durability.storedCode, in: dbs)
                }
                return dbs
            }
        }
    }

    private static func existingDatabases(in environment: LMDBEnvironment) throws -> LogDatabases {
        try environment.withCommittedReadTransaction { txn in
            try LogDatabases(environment: environment, txn: txn, create: false)
        }
    }

    deinit {
        shutDown()
        OpenStores.remove(registryKey, owner: ObjectIdentifier(self))
    }

    /// Finishes the queued appends, ends every subscription and closes the store. Later appends
    /// and reads fail with `.closed`; opening the folder again gives a new instance.
    ///
    /// Called from inside a read (a scan's callback), `close()` only refuses new appends and ends
    /// subscriptions at once: the environment cannot close under the caller's own transaction, so
    /// it closes when the last reference goes.
    public func close() {
        if gate.isHeldByCurrentThread {
            writerBox.withLock { $0 }?.stop(waiting: false)
            signal.close()
            return
        }
        OpenStores.beginClosing(registryKey, owner: ObjectIdentifier(self))
        shutDown()
        OpenStores.remove(registryKey, owner: ObjectIdentifier(self))
    }

    private func shutDown() {
        // Every closer waits for the writer to drain; the writer stays in its box, refusing new work.
        let writer = writerBox.withLock { $0 }
        writer?.stop()
        signal.close()
        gate.exclusive {
            closed.withLock { closed in
                guard !closed else { return }
                closed = true
                environment.close()
            }
        }
    }

    // MARK: Appending

    /// Appends one batch; see ``append(_:at:)-(AppendBatch,_)``.
    @discardableResult
    public func append(_ batch: AppendBatch, at time: Date = Date()) async throws -> AppendedBatch {
        let result = try await append([batch], at: time)
        guard let first = result.batches.first else { throw EventLogError(.storage, "the writer returned no batch") }
        return first
    }

    /// Appends the batches atomically: all of them, or none.
    ///
    /// - Parameter time: the recorded-at stamp to ask for. The log records
    ///   `max(time, previous recorded-at)`, so recorded-at never decreases. The business time of a
    ///   command belongs in the payload.
    /// - Throws: ``EventLogError`` — `.wrongExpectedVersion`, `.eventIDConflict`,
    ///   `.invalidArgument`, `.storage` or `.closed`. A failed call wrote nothing.
    @discardableResult
    public func append(_ batches: [AppendBatch], at time: Date = Date()) async throws -> AppendResult {
        guard let micros = time.unixMicroseconds else {
            throw EventLogError(.invalidArgument, "the append time is not a finite date")
        }
        return try await withCheckedThrowingContinuation { continuation in
            let pending = PendingAppend(batches: batches, requestedAtMicros: micros) { result in
                continuation.resume(with: result)
            }
            let writer = writerBox.withLock { $0 }
            if writer?.submit(pending) != true {
                continuation.resume(throwing: EventLogError(.closed, "the log at \(path) is closed or read-only"))
            }
        }
    }

    /// Runs on the writer thread: one LMDB commit for the whole group.
    private func commit(_ group: [PendingAppend]) {
        var outcome: (results: [Result<AppendResult, EventLogError>], events: Int, head: UInt64)?
        var failure: EventLogError?
        var thorough = Set<Int>()
        while outcome == nil && failure == nil {
            do {
                outcome = try writeTransaction { txn in
                    var commit = try GroupCommit(txn: txn, dbs: dbs)
                    let results = try group.enumerated().map { index, append in
                        try commit.apply(append, thorough: thorough.contains(index), index: index)
                    }
                    try commit.finish()
                    return (results, commit.eventsWritten, commit.lastPosition)
                }
            } catch let duplicate as GroupCommit.UnexpectedDuplicate where !thorough.contains(duplicate.append) {
                thorough.insert(duplicate.append)
            } catch let error as EventLogError where LMDBStatus.isMapFull(error) {
                do { try grow(toAtLeast: environment.usage().mapSize * 2) } catch { failure = asLogError(error) }
            } catch {
                failure = asLogError(error)
            }
        }
        if let outcome {
            counters.withLock { $0.record(group: group.count, events: outcome.events) }
            signal.publish(outcome.head)
            for (append, result) in zip(group, outcome.results) { append.complete(result) }
            growIfNeeded()
        } else if let failure {
            for append in group { append.complete(.failure(failure)) }
        }
    }

    /// A write transaction on the writer thread, adopting a map another process grew.
    private func writeTransaction<R>(_ body: (LMDBTransaction) throws -> R) throws -> R {
        do {
            return try environment.withWriteTransaction(body)
        } catch let error as EventLogError where LMDBStatus.isMapResized(error) {
            try adoptResizedMap()
            return try environment.withWriteTransaction(body)
        }
    }

    /// Opportunistic growth after a commit: skipped while a long reader (a verify or a backup)
    /// holds the gate, so appends never stall behind it; tried again after the next commit.
    private func growIfNeeded() {
        guard let doubled = doubledMapSize(ifFullerThan: growthThreshold) else { return }
        let grown: Bool? = gate.tryExclusive { (try? environment.setMapSize(doubled)) != nil }
        if grown == true { counters.withLock { $0.mapGrowths += 1 } }
    }

    /// Twice the map size when more than `fraction` of the map is in use; nil otherwise.
    private func doubledMapSize(ifFullerThan fraction: Double) -> Int? {
        let usage = environment.usage()
        return Double(usage.usedBytes) >= Double(usage.mapSize) * fraction ? usage.mapSize * 2 : nil
    }

    /// Grows the map on the writer thread, if it is fuller than `fraction`, before a long reader.
    func makeHeadroom(fraction: Double) throws {
        // A caller inside a read (say, a scan's callback) would wait for itself: skip it then.
        guard !gate.isHeldByCurrentThread, let writer = writerBox.withLock({ $0 }) else { return }
        try writer.perform { [self] in
            if let doubled = doubledMapSize(ifFullerThan: fraction) { try grow(toAtLeast: doubled) }
        }
    }

    private func grow(toAtLeast bytes: Int) throws {
        // Readers of crashed processes pin old pages and so fill the map: free their slots too.
        _ = try? environment.clearStaleReaders()
        try gate.exclusive { try environment.setMapSize(bytes) }
        counters.withLock { $0.mapGrowths += 1 }
    }

    private func asLogError(_ error: any Error) -> EventLogError {
        error as? EventLogError ?? EventLogError(.storage, "\(error)")
    }

    // MARK: Reading support

    /// Runs `body` in a short read transaction, shared with other readers but never with a resize.
    func read<R>(_ body: (LMDBTransaction) throws -> R) throws -> R {
        do {
            return try withOpenEnvironment { try $0.withReadTransaction(body) }
        } catch let error as EventLogError where LMDBStatus.isMapResized(error) && !gate.isHeldByCurrentThread {
            // (A read nested in a scan's callback cannot resize under its own outer transaction.)
            try adoptResizedMap()
            return try withOpenEnvironment { try $0.withReadTransaction(body) }
        }
    }

    /// Takes over the map size another process set. No transaction of this process may be live,
    /// so with a writer the resize runs on its thread, between write transactions (inline when
    /// the writer itself asks).
    private func adoptResizedMap() throws {
        let resize = { [self] in
            try gate.exclusive {
                guard !closed.withLock({ $0 }) else { throw EventLogError(.closed, "the log at \(path) is closed") }
                try environment.setMapSize(0)
            }
        }
        if let writer = writerBox.withLock({ $0 }) {
            try writer.perform(resize)
        } else {
            try resize()
        }
    }

    /// Lets the process's resident set go of the log's mapped pages: they stay in the kernel's page
    /// cache and map again when read. A long import calls it now and then, so that the pages it
    /// touched do not all count as the process's memory.
    public func releaseResidentPages() throws {
        try withOpenEnvironment { $0.releaseResidentPages() }
    }

    /// Runs `body` with the environment while it is open, shared with readers, never with a resize
    /// or with ``close()``.
    func withOpenEnvironment<R>(_ body: (LMDBEnvironment) throws -> R) throws -> R {
        try gate.shared {
            guard !closed.withLock({ $0 }) else { throw EventLogError(.closed, "the log at \(path) is closed") }
            return try body(environment)
        }
    }

    /// Test support: parks the writer; appends queue until the returned closure is called.
    func pauseWriter() -> @Sendable () -> Void {
        writerBox.withLock { $0 }?.pause() ?? {}
    }

    /// Test support: jobs waiting for the writer.
    var queuedWriterJobs: Int { writerBox.withLock { $0 }?.queuedJobs ?? 0 }

    var sessionCounters: SessionCounters { counters.withLock { $0 } }
}

/// What this process's writer has done since the store was opened.
struct SessionCounters: Sendable {
    var appendCalls = 0
    var groupCommits = 0
    var largestGroup = 0
    var eventsWritten = 0
    var mapGrowths = 0

    mutating func record(group: Int, events: Int) {
        appendCalls += group
        groupCommits += 1
        largestGroup = max(largestGroup, group)
        eventsWritten += events
    }
}

extension Date {
    /// Microseconds since the Unix epoch, clamped to ±9e18; nil for a NaN or infinite date.
    public var unixMicroseconds: Int64? {
        let micros = timeIntervalSince1970 * 1_000_000
        guard micros.isFinite else { return nil }
        return Int64(max(min(micros, 9e18), -9e18))
    }
}

extension Durability {
    /// The code stored in `meta` for the last writer's mode.
    var storedCode: UInt64 {
        switch self {
        case .durable: 0
        case .relaxed: 1
        case .unsafeNoSync: 2
        }
    }

    init?(storedCode: UInt64) {
        guard let mode = Self.allCases.first(where: { $0.storedCode == storedCode }) else { return nil }
        self = mode
    }

    var lmdbFlags: Int32 {
        switch self {
        case .durable: 0
        case .relaxed: Int32(MDB_NOMETASYNC)
        case .unsafeNoSync: Int32(MDB_NOSYNC)
        }
    }
}
