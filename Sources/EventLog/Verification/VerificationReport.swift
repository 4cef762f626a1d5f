/// What ``EventLog/verify(anchor:progress:)`` checked and found sound.
public struct VerificationReport: Hashable, Sendable {
    /// Records checked: every checksum, every chain link, dense positions and stream versions.
    public var events: UInt64
    /// Streams whose versions were checked dense and matched against the `streams` table.
    public var streams: Int
    /// Runs of the stream index (one per appended batch); every event they cover was matched to
    /// its record.
    public var streamIndexRuns: Int
    /// Entries of the event-id index, each matched to its record.
    public var eventIDIndexEntries: Int
    /// The verified head: anchor it elsewhere to detect a rewritten chain later.
    public var head: LogHead
    /// The anchor that was checked, if one was given.
    public var anchor: LogHead?
}
