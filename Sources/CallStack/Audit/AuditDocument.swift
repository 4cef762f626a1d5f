import EventSourcing
import Foundation
import SwiftProtobuf

/// The fields of every thing on one stream, as the stream's events so far have left them: what
/// the audit trail compares each event with to say what it changed. Pure: the same events always
/// give the same changes.
///
/// An event's fields are its payload in protobuf's JSON mapping, flattened into paths, without
/// `occurred` and the id that names the thing. A field holding a whole document (`settings`,
/// `brief`) replaces it: a path the new document lacks is gone. Sealed personal values are shown
/// as `(sealed)`, never opened. Lists of records with an id are keyed by it
/// (`outcomes[meeting].label`); other lists are one value.
struct AuditDocument {
    private var things: [String: [String: String]] = [:]

    /// Folds `event` in; returns the thing it concerns and the fields it changed, in path order.
    mutating func apply(_ event: DecodedEvent) -> (thing: String, changes: [AuditEntry.Change]) {
        guard event.type != "CommandAcknowledged" else { return ("command receipt", []) }
        var fields = Self.fields(of: event.message)
        let thing = Self.thing(of: event, fields: &fields)
        for (field, alias) in Self.aliases[event.type] ?? [] { fields[alias] = fields.removeValue(forKey: field) }
        let before = things[thing, default: [:]]
        var after = before
        let whole = Self.documentFields.first { Self.has(fields, root: $0) }
        if let root = whole {
            after = after.filter { !$0.key.hasPrefix(root + ".") && $0.key != root }
        }
        for (path, value) in fields { after[path] = value }
        for (path, value) in Self.implied[event.type] ?? [] { after[path] = value }
        things[thing] = after
        let paths = Set(before.keys).union(after.keys).sorted()
        let changes = paths.compactMap { path -> AuditEntry.Change? in
            before[path] == after[path] ? nil : AuditEntry.Change(field: Self.shown(path, root: whole), before: before[path], after: after[path])
        }
        return (thing, changes)
    }

    /// Fields that hold a whole document: an event carrying one replaces the thing's fields under it.
    private static let documentFields = ["settings", "brief"]

    /// Fields an event names differently from the document it starts: a campaign's name and client
    /// are the first fields of its brief.
    private static let aliases: [String: [(String, String)]] = [
        "CampaignCreated": [("name", "brief.identity.name"), ("client_id", "brief.identity.client_id")],
    ]

    /// Fields an event implies without carrying them.
    private static let implied: [String: [(String, String)]] = [
        "MemberInvited": [("active", "true")], "WorkspaceCreated": [("active", "true")],
        "MemberDeactivated": [("active", "false")], "MemberRemoved": [("active", "false")], "MemberReactivated": [("active", "true")],
        "ClientArchived": [("archived", "true")], "SuppressionEntryRemoved": [("removed", "true")],
        "ContactForgotten": [("forgotten", "true")], "CampaignCreated": [("status", "CAMPAIGN_STATUS_DRAFT")],
    ]

    /// The ids that name the thing an event concerns, most specific first, with the word for it.
    private static let ids: [(field: String, thing: String)] = [
        ("entry_id", "suppression entry"), ("member_id", "member"), ("script_id", "script"), ("template_id", "playbook template"),
        ("client_id", "client"), ("admin_member_id", "member"),
    ]

    private static func has(_ fields: [String: String], root: String) -> Bool {
        fields.keys.contains { $0 == root || $0.hasPrefix(root + ".") }
    }

    private static func shown(_ path: String, root: String?) -> String {
        guard let root, path.hasPrefix(root + ".") else { return path }
        return String(path.dropFirst(root.count + 1))
    }

    /// The thing an event concerns; removes the id that names it from `fields`.
    private static func thing(of event: DecodedEvent, fields: inout [String: String]) -> String {
        for prefix in ["campaign-", "contact-"] where event.stream.hasPrefix(prefix) {
            fields[prefix.dropLast() + "_id"] = nil
            return prefix.dropLast() + " " + event.stream.dropFirst(prefix.count)
        }
        for (field, word) in ids {
            if let id = fields[field] {
                fields[field] = nil
                return word + " " + id
            }
        }
        switch event.type {
        case "WorkspaceSettingsChanged": return "settings"
        case "BillingPlanChanged": return "billing"
        default: return event.stream
        }
    }

    /// The business time in the payload's `occurred`, if it has one.
    static func occurrence(of message: any SwiftProtobuf.Message) -> Int64? {
        guard case .object(let object) = json(message), case .object(let occurred) = object["occurred"],
            case .string(let micros) = occurred["at_micros"]
        else { return nil }
        return Int64(micros)
    }

    private static func json(_ message: any SwiftProtobuf.Message) -> JSONValue? {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        guard let data = try? message.jsonUTF8Data(options: options) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The payload's fields as flat paths, without `occurred`.
    static func fields(of message: any SwiftProtobuf.Message) -> [String: String] {
        guard case .object(var object) = json(message) else { return [:] }
        object["occurred"] = nil
        var fields: [String: String] = [:]
        flatten(.object(object), into: "", &fields)
        return fields
    }

    private static func flatten(_ value: JSONValue, into path: String, _ fields: inout [String: String]) {
        switch value {
        case .object(let object):
            if object.count == 1, object["box"] != nil {
                fields[path] = "(sealed)"
                return
            }
            for (key, inner) in object { flatten(inner, into: path.isEmpty ? key : path + "." + key, &fields) }
        case .list(let list):
            if let keyed = keyedRecords(list) {
                for (key, record) in keyed { flatten(record, into: "\(path)[\(key)]", &fields) }
            } else if list.allSatisfy(\.isObject) {
                for (index, record) in list.enumerated() { flatten(record, into: "\(path)[\(index)]", &fields) }
            } else {
                fields[path] = "[" + list.map(\.text).joined(separator: ", ") + "]"
            }
        default:
            fields[path] = value.text
        }
    }

    /// The fields that name a record in a list, most telling first.
    private static let recordIDs = ["rule_id", "outcome_id", "step_id", "status_id", "source_id", "key", "number"]

    /// The records of a list keyed by their id (one of ``recordIDs``, else a field named `*_id`),
    /// when every record has a distinct one.
    private static func keyedRecords(_ list: [JSONValue]) -> [(String, JSONValue)]? {
        let keyed = list.compactMap { record -> (String, JSONValue)? in
            guard case .object(let fields) = record,
                let name = recordIDs.first(where: { fields[$0] != nil }) ?? fields.keys.sorted().first(where: { $0.hasSuffix("_id") }),
                case .string(let id) = fields[name]
            else { return nil }
            return (id, record)
        }
        guard !keyed.isEmpty, keyed.count == list.count, Set(keyed.map(\.0)).count == keyed.count else { return nil }
        return keyed
    }
}

/// A JSON value, decoded without Foundation's untyped `Any`.
private enum JSONValue: Decodable {
    case string(String), number(String), bool(Bool), null
    case list([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Swift.Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(String(integer))
        } else if let double = try? container.decode(Double.self) {
            self = .number(String(double))
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let list = try? container.decode([JSONValue].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    var text: String {
        switch self {
        case .string(let string): string
        case .number(let number): number
        case .bool(let bool): bool ? "true" : "false"
        case .null: "null"
        case .list(let list): "[" + list.map(\.text).joined(separator: ", ") + "]"
        case .object(let object): "{" + object.keys.sorted().map { "\($0): \(object[$0]?.text ?? "")" }.joined(separator: ", ") + "}"
        }
    }
}
