internal import CLMDB

/// Turns LMDB return codes into ``EventLogError``s. Every C call in EventLog goes through here.
enum LMDBStatus {
    static let ok: Int32 = 0

    static func check(_ rc: Int32, _ operation: @autoclosure () -> String) throws {
        guard rc != 0 else { return }
        throw error(rc, operation())
    }

    static func error(_ rc: Int32, _ operation: String) -> EventLogError {
        EventLogError(.storage, "\(operation): \(text(rc))", lmdbCode: rc)
    }

    static func text(_ rc: Int32) -> String {
        guard let cString = mdb_strerror(rc) else { return "LMDB error \(rc)" }
        return String(cString: cString)
    }

    static func isMapFull(_ error: EventLogError) -> Bool { error.lmdbCode == MDB_MAP_FULL }
    static func isMapResized(_ error: EventLogError) -> Bool { error.lmdbCode == MDB_MAP_RESIZED }
}
