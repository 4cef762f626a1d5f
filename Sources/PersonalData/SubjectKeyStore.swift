public import CallStackEvents
import Crypto
public import EventLog
import Foundation
import Synchronization

/// The keys that seal personal data, one per data subject, and the keyed hashes that find a
/// subject by phone or email: a separate LMDB environment (``KeyValueStore``), never the log.
///
/// - ``seal(_:for:field:eventID:)`` makes the subject's key on first use and seals a value into a
///   ``Callstack_V1_SealedValue`` for an event; ``open(_:of:field:)`` opens it at query time.
/// - ``remember(_:_:for:)`` stores an HMAC-SHA256 of a normalised phone or email under the
///   workspace's lookup key; ``subjects(with:_:)`` finds the subjects that have it.
/// - ``forget(_:)`` deletes the subject's key and keyed hashes, then compacts the store, so the
///   bytes are gone from the file and not just unreachable. Sealed values in the log, in read
///   models and in snapshots then open as ``PersonalValue/erased``; nothing in the log changes.
///
/// Errors are ``PersonalDataError``s.
public final class SubjectKeyStore: Sendable {
    /// The tables of the key store.
    enum Table {
        /// `kind:id` → 64 key bytes.
        static let subjectKeys = "subject-keys"
        /// name → bytes: the workspace's lookup key.
        static let workspace = "workspace"
        /// keyed hash (32) ‖ `kind:id` → nothing: finds subjects by hash.
        static let lookups = "lookups"
        /// `kind:id` ‖ NUL ‖ keyed hash (32) → nothing: a subject's hashes, for forgetting them.
        static let subjectLookups = "subject-lookups"
        static let all = [subjectKeys, workspace, lookups, subjectLookups]
    }

    private static let lookupKeyName = Array("lookup-key".utf8)

    let store: KeyValueStore
    private let source: KeySource
    /// HMAC under the workspace's lookup key, its key schedule done once.
    private let lookupMAC: HMAC<SHA256>
    /// Keys already read, so sealing many fields of one subject reads the store once. The
    /// generation counts forgets: a key read before a forget is not cached after it. It holds at
    /// most ``cacheCapacity`` keys and starts afresh when full, so an import of millions of
    /// contacts does not keep every key in memory.
    private let cache = Mutex<(generation: UInt64, keys: [DataSubject: SubjectKey])>((0, [:]))

    /// The most keys the cache holds: a few batches' worth.
    static let cacheCapacity = 8_192

    /// The folder of a store's key store: `keys` inside the store folder.
    public static func folder(forStore storePath: String) -> String { storePath + "/keys" }

    /// Opens (creating when missing) the key store in `path`.
    ///
    /// - Parameter keySource: where new keys come from; ``KeySource/system`` for real data.
    public static func open(
        at path: String, keySource: KeySource = .system, durability: Durability = .durable
    ) throws(PersonalDataError) -> SubjectKeyStore {
        let store = try keyStore { try KeyValueStore.open(at: path, tables: Table.all, durability: durability) }
        let lookupKey = try keyStore {
            try store.write { writer in
                if let existing = try writer.reader.value(in: Table.workspace, for: lookupKeyName) { return existing }
                let made = keySource.bytes(32)
                try writer.put(made, for: lookupKeyName, in: Table.workspace)
                return made
            }
        }
        return SubjectKeyStore(store: store, source: keySource, lookupKey: SymmetricKey(data: lookupKey))
    }

    private init(store: KeyValueStore, source: KeySource, lookupKey: SymmetricKey) {
        self.store = store
        self.source = source
        lookupMAC = HMAC<SHA256>(key: lookupKey)
    }

    /// Closes the key store; later calls throw.
    public func close() {
        cache.withLock { $0.keys.removeAll() }
        store.close()
    }

    // MARK: Sealing

    /// Seals `text` for `subject`'s `field` of the event `eventID`, making the subject's key when
    /// it has none, unless `creatingKey` is false (a value added to an existing subject: a missing
    /// key then means it was forgotten, and is ``PersonalDataError/noKey(_:)``). Deterministic: the
    /// same arguments and key give the same bytes.
    public func seal(
        _ text: String, for subject: DataSubject, field: PersonalField, eventID: EventID, creatingKey: Bool = true
    ) throws(PersonalDataError) -> Callstack_V1_SealedValue {
        guard let key = try key(for: subject, creating: creatingKey) else { throw .noKey(subject.description) }
        var sealed = Callstack_V1_SealedValue()
        sealed.box = Data(try key.seal(Array(text.utf8), subject: subject, field: field, eventID: eventID))
        return sealed
    }

    /// Opens a sealed value: ``PersonalValue/absent`` when it is empty, ``PersonalValue/erased``
    /// when the subject has no key here (forgotten, or restored without keys).
    ///
    /// - Throws: ``PersonalDataError/tampered(_:)`` when the box does not authenticate.
    public func open(
        _ sealed: Callstack_V1_SealedValue, of subject: DataSubject, field: PersonalField
    ) throws(PersonalDataError) -> PersonalValue {
        guard !sealed.box.isEmpty else { return .absent }
        guard let key = try key(for: subject, creating: false) else { return .erased }
        let bytes = try key.open(Array(sealed.box), subject: subject, field: field)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .tampered("\(field) of \(subject) is not UTF-8")
        }
        return .text(text)
    }

    /// Makes the keys the subjects lack, all in one write: sealing a batch of new subjects then
    /// costs one commit instead of one per subject. `remembering` keyed hashes go in the same
    /// write (an import's last batch's, with its next batch's keys: one commit, one flush).
    public func prepareKeys(
        for subjects: [DataSubject], remembering lookups: [(kind: LookupKind, normalized: String, subject: DataSubject)] = []
    ) throws(PersonalDataError) {
        let rows = lookups.map { (hash: keyedHash($0.kind, $0.normalized), subject: $0.subject.bytes) }
        let made = try Self.keyStore {
            try store.write { writer in
                try Self.put(rows, in: &writer)
                var made: [(DataSubject, [UInt8])] = []
                for subject in subjects where try writer.reader.value(in: Table.subjectKeys, for: subject.bytes) == nil {
                    let material = source.bytes(SubjectKey.size)
                    try writer.put(material, for: subject.bytes, in: Table.subjectKeys)
                    made.append((subject, material))
                }
                return made
            }
        }
        for (subject, material) in made {
            let key = try SubjectKey(material: material)
            cache.withLock { Self.insert(key, for: subject, into: &$0.keys) }
        }
    }

    /// True when the subject has a key in this store.
    public func hasKey(for subject: DataSubject) throws(PersonalDataError) -> Bool {
        try key(for: subject, creating: false) != nil
    }

    private func key(for subject: DataSubject, creating: Bool) throws(PersonalDataError) -> SubjectKey? {
        let (cached, generation) = cache.withLock { ($0.keys[subject], $0.generation) }
        if let cached { return cached }
        let material: [UInt8]? = try Self.keyStore {
            if !creating { return try store.read { try $0.value(in: Table.subjectKeys, for: subject.bytes) } }
            return try store.write { writer in
                if let existing = try writer.reader.value(in: Table.subjectKeys, for: subject.bytes) { return existing }
                let made = source.bytes(SubjectKey.size)
                try writer.put(made, for: subject.bytes, in: Table.subjectKeys)
                return made
            }
        }
        guard let material else { return nil }
        let key = try SubjectKey(material: material)
        cache.withLock { cache in
            if cache.generation == generation { Self.insert(key, for: subject, into: &cache.keys) }
        }
        return key
    }

    private static func insert(_ key: SubjectKey, for subject: DataSubject, into keys: inout [DataSubject: SubjectKey]) {
        if keys.count >= cacheCapacity { keys.removeAll(keepingCapacity: true) }
        keys[subject] = key
    }

    // MARK: Lookups

    /// The keyed hash of a normalised value: HMAC-SHA256 under the workspace's lookup key.
    public func keyedHash(_ kind: LookupKind, _ normalized: String) -> [UInt8] {
        var mac = lookupMAC
        mac.update(data: Array(kind.rawValue.utf8) + [0] + Array(normalized.utf8))
        return Array(mac.finalize())
    }

    /// Records that `subject` has the (already normalised) phone or email, for duplicate checks.
    public func remember(_ kind: LookupKind, _ normalized: String, for subject: DataSubject) throws(PersonalDataError) {
        try remember([(kind, normalized, subject)])
    }

    /// Records many lookups in one write: what an import's batch needs (one commit, one fsync).
    public func remember(_ entries: [(kind: LookupKind, normalized: String, subject: DataSubject)]) throws(PersonalDataError) {
        let rows = entries.map { (hash: keyedHash($0.kind, $0.normalized), subject: $0.subject.bytes) }
        try Self.keyStore { try store.write { writer in try Self.put(rows, in: &writer) } }
    }

    /// Writes keyed hashes both ways: hash ‖ subject, and subject ‖ NUL ‖ hash.
    private static func put(_ rows: [(hash: [UInt8], subject: [UInt8])], in writer: inout KeyValueWriter) throws {
        for row in rows {
            try writer.put([], for: row.hash + row.subject, in: Table.lookups)
            try writer.put([], for: row.subject + [0] + row.hash, in: Table.subjectLookups)
        }
    }

    /// Replaces the subject's keyed hashes with `entries`, in one write: what a contact's edit,
    /// archive or unarchive leaves (none for an archived contact).
    public func replaceLookups(of subject: DataSubject, with entries: [(kind: LookupKind, normalized: String)]) throws(PersonalDataError) {
        let hashes = entries.map { keyedHash($0.kind, $0.normalized) }
        try Self.keyStore {
            try store.write { writer in
                _ = try Self.deleteLookups(of: subject, in: &writer)
                try Self.put(hashes.map { (hash: $0, subject: subject.bytes) }, in: &writer)
            }
        }
    }

    /// The subjects that have the phone or email, in order.
    public func subjects(with kind: LookupKind, _ normalized: String) throws(PersonalDataError) -> [DataSubject] {
        let hash = keyedHash(kind, normalized)
        let keys = try Self.keyStore { try store.read { try $0.keys(in: Table.lookups, prefix: hash) } }
        return keys.compactMap { key in Self.subject(named: key.dropFirst(hash.count)) }
    }

    // MARK: Forgetting

    /// Deletes the subject's key and keyed hashes in one write, then compacts the key store so
    /// that their bytes leave the disk. Idempotent: forgetting again deletes nothing more.
    @discardableResult
    public func forget(_ subject: DataSubject) throws(PersonalDataError) -> ForgetReport {
        let (keyDeleted, lookups) = try Self.keyStore {
            try store.write { writer in
                let hashes = try Self.deleteLookups(of: subject, in: &writer)
                return (try writer.delete(subject.bytes, in: Table.subjectKeys), hashes)
            }
        }
        cache.withLock { cache in
            cache.generation += 1
            cache.keys[subject] = nil
        }
        try Self.keyStore { try store.compact() }
        return ForgetReport(subject: subject, keyDeleted: keyDeleted, lookupsDeleted: lookups, keyStoreBytes: store.fileSize)
    }

    /// Removes the subjects' keyed hashes, keeping their keys: an archived contact no longer counts
    /// as a duplicate, and its sealed fields still open. Returns how many hashes went.
    @discardableResult
    public func dropLookups(of subjects: [DataSubject]) throws(PersonalDataError) -> Int {
        try Self.keyStore {
            try store.write { writer in
                var dropped = 0
                for subject in subjects { dropped += try Self.deleteLookups(of: subject, in: &writer) }
                return dropped
            }
        }
    }

    /// Deletes the subject's keyed hashes from both directions of the index; returns how many.
    private static func deleteLookups(of subject: DataSubject, in writer: inout KeyValueWriter) throws -> Int {
        let hashes = try writer.reader.keys(in: Table.subjectLookups, prefix: subject.bytes + [0])
        for entry in hashes {
            try writer.delete(entry, in: Table.subjectLookups)
            try writer.delete(Array(entry.suffix(32)) + subject.bytes, in: Table.lookups)
        }
        return hashes.count
    }

    /// Lets the process's resident set go of the key store's mapped pages (``KeyValueStore/releaseResidentPages()``).
    public func releaseResidentPages() throws(PersonalDataError) {
        try Self.keyStore { try store.releaseResidentPages() }
    }

    /// Writes a compacted copy of the key store into `directory`.
    public func backup(to directory: String) throws(PersonalDataError) {
        try Self.keyStore { try store.backup(to: directory) }
    }

    // MARK: Support

    static func subject(named bytes: some Collection<UInt8>) -> DataSubject? {
        let name = String(decoding: bytes, as: UTF8.self)
        guard let colon = name.firstIndex(of: ":"), let kind = DataSubject.Kind(rawValue: String(name[..<colon])) else {
            return nil
        }
        return try? DataSubject(kind, String(name[name.index(after: colon)...]))
    }

    /// Runs a key-value store operation, turning its errors into ``PersonalDataError/keyStore(_:)``.
    static func keyStore<R>(_ body: () throws -> R) throws(PersonalDataError) -> R {
        do {
            return try body()
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .keyStore("\(error)")
        }
    }

    /// The subject's key bytes, for the erasure tests that scan files for them.
    func keyMaterial(for subject: DataSubject) throws(PersonalDataError) -> [UInt8]? {
        try key(for: subject, creating: false)?.material
    }
}
