public import CallStackEvents
public import EventLog
import Foundation
import SwiftProtobuf

/// One event as a line of JSON: the format of `log tail`, `export` and `restore`.
///
/// Keys, in this order: `position`, `stream`, `streamVersion`, `id`, `type`, `schemaVersion`,
/// `recordedAt` (RFC 3339, microseconds), `recordedAtMicros`, `actor`, `correlationId`,
/// `causationId` (null when absent), `message` (the payload in protobuf's JSON mapping, at its own
/// schema version, for people; null for a type the contract does not know), `payload` (the raw
/// bytes in base64: what a restore uses) and `chainHash`. The same log always gives the same bytes.
public enum ExportLine {
    /// The line for `event`, without a line break.
    public static func encode(_ event: RecordedEvent, registry: EventRegistry = .callstack) -> String {
        let fields: [(String, String)] = [
            ("position", String(event.position)),
            ("stream", quote(event.stream)),
            ("streamVersion", String(event.streamVersion)),
            ("id", quote(event.id.description)),
            ("type", quote(event.type)),
            ("schemaVersion", String(event.schemaVersion)),
            ("recordedAt", quote(RFC3339.format(micros: event.recordedAtMicros))),
            ("recordedAtMicros", String(event.recordedAtMicros)),
            ("actor", quote(event.actor)),
            ("correlationId", event.correlationID.map { quote($0.description) } ?? "null"),
            ("causationId", event.causationID.map { quote($0.description) } ?? "null"),
            ("message", messageJSON(event, registry: registry) ?? "null"),
            ("payload", quote(Data(event.payload).base64EncodedString())),
            ("chainHash", quote(event.chainHash.hex)),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// The event a line holds.
    ///
    /// - Throws: ``ExportError/malformedLine(_:_:)`` naming the first key that is missing or wrong.
    public static func decode(_ line: some StringProtocol, lineNumber: Int) throws(ExportError) -> RecordedEvent {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ExportError.malformedLine(lineNumber, "not a JSON object")
            }
            object = parsed
        } catch let error as ExportError {
            throw error
        } catch {
            throw .malformedLine(lineNumber, "not JSON")
        }
        let fields = Fields(object: object, line: lineNumber)
        return RecordedEvent(
            position: try fields.unsigned("position"), stream: try fields.string("stream"),
            streamVersion: try fields.unsigned("streamVersion"), id: try fields.eventID("id"),
            type: try fields.string("type"), schemaVersion: UInt32(clamping: try fields.unsigned("schemaVersion")),
            recordedAtMicros: try fields.signed("recordedAtMicros"), actor: try fields.string("actor"),
            correlationID: try fields.optionalEventID("correlationId"),
            causationID: try fields.optionalEventID("causationId"), payload: try fields.base64("payload"),
            chainHash: try fields.chainHash("chainHash"))
    }

    private static func messageJSON(_ event: RecordedEvent, registry: EventRegistry) -> String? {
        guard let schema = try? registry.schema(event.type, version: event.schemaVersion),
            let message = try? schema.decode(event.payload)
        else { return nil }
        return try? message.jsonString()
    }

    /// A JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Typed reads of a parsed line's keys.
    private struct Fields {
        let object: [String: Any]
        let line: Int

        func string(_ key: String) throws(ExportError) -> String {
            guard let value = object[key] as? String else { throw .malformedLine(line, "\(key) is not a string") }
            return value
        }

        func unsigned(_ key: String) throws(ExportError) -> UInt64 {
            guard let number = object[key] as? NSNumber, let value = UInt64(number.stringValue) else {
                throw .malformedLine(line, "\(key) is not a non-negative integer")
            }
            return value
        }

        func signed(_ key: String) throws(ExportError) -> Int64 {
            guard let number = object[key] as? NSNumber, let value = Int64(number.stringValue) else {
                throw .malformedLine(line, "\(key) is not an integer")
            }
            return value
        }

        func optionalEventID(_ key: String) throws(ExportError) -> EventID? {
            object[key] is NSNull ? nil : try eventID(key)
        }

        func eventID(_ key: String) throws(ExportError) -> EventID {
            guard let text = object[key] as? String, let id = EventID(text) else {
                throw .malformedLine(line, "\(key) is not an event id")
            }
            return id
        }

        func base64(_ key: String) throws(ExportError) -> [UInt8] {
            guard let text = object[key] as? String, let data = Data(base64Encoded: text) else {
                throw .malformedLine(line, "\(key) is not base64")
            }
            return Array(data)
        }

        func chainHash(_ key: String) throws(ExportError) -> ChainHash {
            guard let text = object[key] as? String, let hash = ChainHash(hex: text) else {
                throw .malformedLine(line, "\(key) is not 64 hexadecimal digits")
            }
            return hash
        }
    }
}
