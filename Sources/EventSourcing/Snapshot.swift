/// A projection's state at a log position, with what it takes to trust it later: the projector's
/// version, the upcasters it read through, the chain hash of the event at its position (a
/// snapshot of another log, or of a log since restored shorter, does not match), and the
/// digest of the state.
public struct Snapshot: Sendable, Equatable {
    public let projection: String
    public let projectorVersion: Int
    public let upcasterFingerprint: String
    public let position: UInt64
    /// The chain hash of the event at ``position``; all zeros at position 0.
    public let chainHash: [UInt8]
    public let digest: ReadModelDigest
    /// The state's canonical form.
    public let state: [UInt8]

    static let format: UInt64 = 1

    public init(
        projection: String, projectorVersion: Int, upcasterFingerprint: String, position: UInt64, chainHash: [UInt8],
        digest: ReadModelDigest, state: [UInt8]
    ) {
        self.projection = projection
        self.projectorVersion = projectorVersion
        self.upcasterFingerprint = upcasterFingerprint
        self.position = position
        self.chainHash = chainHash
        self.digest = digest
        self.state = state
    }

    var encoded: [UInt8] {
        var writer = CanonicalWriter()
        writer.write(Self.format)
        writer.write(projection)
        writer.write(projectorVersion)
        writer.write(upcasterFingerprint)
        writer.write(position)
        writer.write(chainHash)
        writer.write(digest.bytes)
        writer.write(state)
        return writer.bytes
    }

    init(encoded bytes: [UInt8]) throws(ProjectionError) {
        var reader = CanonicalReader(bytes)
        guard try reader.readUInt64() == Self.format else { throw .corruptSnapshot("an unknown snapshot format") }
        projection = try reader.readString()
        projectorVersion = try reader.readInt()
        upcasterFingerprint = try reader.readString()
        position = try reader.readUInt64()
        chainHash = try reader.readBytes()
        digest = ReadModelDigest(bytes: try reader.readBytes())
        state = try reader.readBytes()
        guard reader.isAtEnd else { throw .corruptSnapshot("bytes left over") }
    }
}
