/// The one error type of ``EventLog``: a ``Code`` plus the context that locates the problem.
///
/// Catch a specific code with pattern matching:
/// ```swift
/// do { try await log.append(batch) }
/// catch let error as EventLogError where error.code == .wrongExpectedVersion { … }
/// ```
/// New codes may be added in later versions, so switch over codes with a `default`.
public struct EventLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A batch's expected version did not match the stream. Nothing of that append was written.
        public static let wrongExpectedVersion = Code(rawValue: "wrong-expected-version")
        /// An event id was already used for different content. Nothing of that append was written.
        public static let eventIDConflict = Code(rawValue: "event-id-conflict")
        /// The caller passed something the log cannot store (empty batch, oversized name, …).
        public static let invalidArgument = Code(rawValue: "invalid-argument")
        /// A record's checksum does not match its bytes.
        public static let checksumMismatch = Code(rawValue: "checksum-mismatch")
        /// A record's bytes do not form a valid record (bad lengths, wrong position, …).
        public static let malformedRecord = Code(rawValue: "malformed-record")
        /// The hash chain does not link at this record: it or an earlier record was rewritten.
        public static let chainBroken = Code(rawValue: "chain-broken")
        /// Global positions are not dense at this point.
        public static let positionGap = Code(rawValue: "position-gap")
        /// A stream's versions are not dense at this record.
        public static let streamVersionGap = Code(rawValue: "stream-version-gap")
        /// An index (stream index or event-id index) disagrees with the records.
        public static let indexMismatch = Code(rawValue: "index-mismatch")
        /// The anchored chain head given to `verify` does not match the log.
        public static let anchorMismatch = Code(rawValue: "anchor-mismatch")
        /// LMDB reported an error; ``EventLogError/lmdbCode`` holds its code.
        public static let storage = Code(rawValue: "storage")
        /// The store folder could not be created, read or copied.
        public static let io = Code(rawValue: "io")
        /// The store is open in another process (or another instance of this one) that owns it alone.
        public static let locked = Code(rawValue: "locked")
        /// The log was closed.
        public static let closed = Code(rawValue: "closed")

        /// Lets `catch EventLogError.Code.wrongExpectedVersion` match an ``EventLogError``.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? EventLogError)?.code == code
        }
    }

    public var code: Code
    /// What went wrong, in words.
    public var message: String
    /// The global position the problem concerns, when there is one.
    public var position: UInt64?
    /// The stream the problem concerns, when there is one.
    public var stream: String?
    /// The underlying LMDB return code for ``Code/storage`` errors.
    public var lmdbCode: Int32?

    public init(
        _ code: Code, _ message: String, position: UInt64? = nil, stream: String? = nil, lmdbCode: Int32? = nil
    ) {
        self.code = code
        self.message = message
        self.position = position
        self.stream = stream
        self.lmdbCode = lmdbCode
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let position { text += " (position \(position))" }
        if let stream { text += " (stream \(stream))" }
        return text
    }
}
