public import Foundation

/// An event as the log holds it: the envelope the log assigned plus the proposed content.
public struct RecordedEvent: Hashable, Sendable {
    /// The global position: dense, gap-free and strictly increasing, starting at 1.
    public var position: UInt64
    public var stream: String
    /// The version within the stream: dense, starting at 1.
    public var streamVersion: UInt64
    public var id: EventID
    public var type: String
    public var schemaVersion: UInt32
    /// When the log committed the event, in microseconds since the Unix epoch; never decreases.
    public var recordedAtMicros: Int64
    public var actor: String
    public var correlationID: EventID?
    public var causationID: EventID?
    public var payload: [UInt8]
    /// The hash chain's value after this record.
    public var chainHash: ChainHash

    public var recordedAt: Date { Date(timeIntervalSince1970: Double(recordedAtMicros) / 1_000_000) }
}
