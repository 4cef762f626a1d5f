import CallStackEvents
public import EventSourcing

/// The history of every import: who imported which file (name, size, SHA-256) into which campaign
/// and when, the mapping, the counts, each row's outcome (the contact, or the reasons), and the
/// state. Folded from the `import-<id>` streams; deterministic, with a digest like any projection.
public struct ImportHistoryProjector: Projector {
    public struct Row: Sendable, Equatable {
        public var line: UInt32
        /// `created`, `created_duplicate`, `enrolled_existing`, `skipped_duplicate` or `rejected`.
        public var action: String
        public var contactID: String
        public var reasons: [String]
    }

    public struct Import: Sendable, Equatable {
        public var importID = ""
        public var campaignID = ""
        public var actor = ""
        public var startedAtMicros: Int64 = 0
        public var fileName = ""
        public var fileBytes: UInt64 = 0
        public var fileSHA256 = ""
        public var headers: [String] = []
        public var fields: [String] = []
        /// `started`, `committed` or `undone`.
        public var state = "started"
        public var rows: [Row] = []

        /// Rows with each action.
        public var actions: [String: Int] { rows.reduce(into: [:]) { $0[$1.action, default: 0] += 1 } }

        /// Rejected rows by reason code (a row may have several).
        public var rejectedByReason: [String: Int] {
            rows.reduce(into: [:]) { counts, row in for reason in row.reasons { counts[reason, default: 0] += 1 } }
        }
    }

    public typealias State = [String: Import]

    public let name = "import-history"
    public let version = 1

    public init() {}

    public var initialState: State { [:] }

    public func apply(_ state: inout State, _ event: DecodedEvent) {
        switch event.message {
        case let started as Callstack_V1_ImportStarted:
            state[started.importID] = Import(
                importID: started.importID, campaignID: started.campaignID, actor: event.actor, startedAtMicros: started.occurred.atMicros,
                fileName: started.fileName, fileBytes: started.fileBytes, fileSHA256: started.fileSha256, headers: started.headers,
                fields: started.fields)
        case let recorded as Callstack_V1_ImportRowsRecorded:
            state[recorded.importID]?.rows += recorded.rows.map { row in
                Row(line: row.line, action: Self.action(row.action), contactID: row.contactID, reasons: row.reasons)
            }
        case let committed as Callstack_V1_ImportCommitted:
            state[committed.importID]?.state = "committed"
        case let undone as Callstack_V1_ImportUndone:
            state[undone.importID]?.state = "undone"
        default:
            break
        }
    }

    static func action(_ action: Callstack_V1_ImportRowAction) -> String {
        switch action {
        case .created: "created"
        case .createdDuplicate: "created_duplicate"
        case .enrolledExisting: "enrolled_existing"
        case .updatedExisting: "updated_existing"
        case .skippedDuplicate: "skipped_duplicate"
        case .rejected: "rejected"
        case .unspecified, .UNRECOGNIZED: "unknown"
        }
    }

    public func writeCanonical(_ state: State, to writer: inout CanonicalWriter) {
        writer.write(state) { writer, id, record in
            writer.write(id)
            for text in [record.campaignID, record.actor, record.fileName, record.fileSHA256, record.state] { writer.write(text) }
            writer.write(record.startedAtMicros)
            writer.write(record.fileBytes)
            writer.write(record.headers) { $0.write($1) }
            writer.write(record.fields) { $0.write($1) }
            writer.write(record.rows) { writer, row in
                writer.write(UInt64(row.line))
                writer.write(row.action)
                writer.write(row.contactID)
                writer.write(row.reasons) { $0.write($1) }
            }
        }
    }

    public func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> State {
        try reader.readDictionary { reader throws(ProjectionError) in
            var record = Import()
            record.importID = try reader.readString()
            record.campaignID = try reader.readString()
            record.actor = try reader.readString()
            record.fileName = try reader.readString()
            record.fileSHA256 = try reader.readString()
            record.state = try reader.readString()
            record.startedAtMicros = try reader.readInt64()
            record.fileBytes = try reader.readUInt64()
            record.headers = try reader.readArray { reader throws(ProjectionError) in try reader.readString() }
            record.fields = try reader.readArray { reader throws(ProjectionError) in try reader.readString() }
            record.rows = try reader.readArray { reader throws(ProjectionError) in
                let line = try reader.readUInt64()
                guard line <= UInt64(UInt32.max) else { throw .corruptSnapshot("a line past UInt32") }
                return Row(
                    line: UInt32(line), action: try reader.readString(), contactID: try reader.readString(),
                    reasons: try reader.readArray { reader throws(ProjectionError) in try reader.readString() })
            }
            return (record.importID, record)
        }
    }
}
