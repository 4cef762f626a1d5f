import CallStackDomain
import Crypto
import EventLog
import EventSourcing
import Foundation
import SwiftProtobuf

/// The fields of every thing on one stream, as the stream's events so far have left them: what
/// the audit trail compares each event with to say what it changed. Pure: the same events always
/// give the same changes.
///
/// An event's fields are its payload in protobuf's JSON mapping, flattened into paths, without
/// `occurred` and the id that names the thing. Every field of the event's message replaces what
/// the thing had under that name, so a field the event leaves unset (proto3 writes no defaults)
/// shows as `before → (none)`, and a whole document (`settings`, `brief`) replaces the last one.
/// Sealed personal values are shown as `(sealed)`, never opened; one replaced by another shows as a change. Lists of records with an id are
/// keyed by it (`outcomes[meeting].label`); other lists of records by position
/// (`objections[#0].response`); lists of values are one value.
struct AuditDocument {
    private var things: [String: [String: String]] = [:]
    /// Event type → the field names of its message, worked out once per type.
    private var fieldNamesByType: [String: [String]] = [:]

    /// Folds `event` in; returns the thing it concerns, the fields it changed (in path order), and
    /// the business time in the payload's `occurred`, when it has one.
    mutating func apply(_ event: DecodedEvent) -> (thing: String, changes: [AuditEntry.Change], atMicros: Int64?) {
        guard case .object(var payload) = JSONValue(event.message) else { return (event.stream, [], nil) }
        let atMicros = Self.micros(in: payload["occurred"])
        payload["occurred"] = nil
        guard event.type != "CommandAcknowledged" else { return ("command receipt", [], atMicros) }
        let names = fieldNamesByType[event.type] ?? Self.fieldNames(of: event.message)
        fieldNamesByType[event.type] = names
        var roots = names.filter { $0 != "occurred" }
        let (thing, idFields) = Self.thing(of: event, payload)
        for field in idFields { payload[field] = nil }
        roots.removeAll { idFields.contains($0) }
        if event.type == "ContactEdited", case .list(let changed) = payload.removeValue(forKey: "changed") ?? .list([]) {
            // An edit replaces only the groups it names; the others stay as they were.
            roots = changed.compactMap { if case .string(let group) = $0 { group } else { nil } } + ["import_id"]
        }
        for (field, alias) in Self.aliases[event.type] ?? [] {
            payload[alias] = payload.removeValue(forKey: field)
            roots = roots.map { $0 == field ? alias : $0 }
        }
        var fields: [String: String] = [:]
        Self.flatten(.object(payload), into: "", &fields)
        let before = things[thing, default: [:]]
        var after = before.filter { path, _ in !roots.contains { Self.path(path, isUnder: $0) } }
        after.merge(fields) { _, new in new }
        for (path, value) in Self.implied[event.type] ?? [] { after[path] = value }
        things[thing] = after
        let changes = Set(before.keys).union(after.keys).sorted().compactMap { path -> AuditEntry.Change? in
            before[path] == after[path]
                ? nil : AuditEntry.Change(field: Self.shown(path), before: before[path].map(Self.shownValue), after: after[path].map(Self.shownValue))
        }
        return (thing, changes, atMicros)
    }

    /// Fields that hold a whole document: shown without their name (`identity.name`, not
    /// `brief.identity.name`).
    private static let documentFields = ["settings.", "brief."]

    /// Fields an event names differently from the document it starts: a campaign's name and client
    /// are the first fields of its brief.
    private static let aliases: [String: [(String, String)]] = [
        "CampaignCreated": [("name", "brief.identity.name"), ("client_id", "brief.identity.client_id")],
    ]

    /// Fields an event implies without carrying them.
    private static let implied: [String: [(String, String)]] = [
        "MemberInvited": [("active", "true")],
        "MemberDeactivated": [("active", "false")], "MemberRemoved": [("active", "false")], "MemberReactivated": [("active", "true")],
        "ClientArchived": [("archived", "true")], "SuppressionEntryRemoved": [("removed", "true")],
        "ContactForgotten": [("forgotten", "true")], "ContactArchived": [("archived", "true")], "ContactUnarchived": [("archived", "false")], "CampaignCreated": [("status", "CAMPAIGN_STATUS_DRAFT")],
    ]

    /// The ids that name the thing an event on the `workspace` or a client's stream concerns, most
    /// specific first, with the word for it.
    private static let ids: [(field: String, thing: String)] = [
        ("entry_id", "suppression entry"), ("member_id", "member"), ("script_id", "script"), ("template_id", "playbook template"),
        ("client_id", "client"),
    ]

    /// The field names of the event's message, set or not.
    private static func fieldNames(of message: any SwiftProtobuf.Message) -> [String] {
        guard let named = message as? any (SwiftProtobuf.Message & _ProtoNameProviding) else { return [] }
        return names(of: named)
    }

    private static func names<M: SwiftProtobuf.Message & _ProtoNameProviding>(of message: M) -> [String] {
        Google_Protobuf_FieldMask(allFieldsOf: M.self).paths
    }

    private static func path(_ path: String, isUnder root: String) -> Bool {
        path == root || path.hasPrefix(root + ".") || path.hasPrefix(root + "[")
    }

    private static func shown(_ path: String) -> String {
        guard let root = documentFields.first(where: { path.hasPrefix($0) }) else { return path }
        return String(path.dropFirst(root.count))
    }

    /// The thing an event concerns, and the payload fields that name it (left out of its fields).
    private static func thing(of event: DecodedEvent, _ payload: [String: JSONValue]) -> (String, [String]) {
        for prefix in ["campaign-", "contact-"] where event.stream.hasPrefix(prefix) {
            let kind = String(prefix.dropLast())
            let thing = kind + " " + event.stream.dropFirst(prefix.count)
            if kind == "contact", case .string(let campaign) = payload["campaign_id"] {
                return (thing + " in campaign " + campaign, ["contact_id", "campaign_id"])
            }
            return (thing, [kind + "_id"])
        }
        for (field, word) in ids {
            if case .string(let id) = payload[field] { return (word + " " + id, [field]) }
        }
        switch event.type {
        case "WorkspaceCreated": return ("workspace", [])
        case "WorkspaceSettingsChanged": return ("settings", [])
        case "BillingPlanChanged": return ("billing", [])
        default: return (event.stream, [])
        }
    }

    /// A sealed value as the document keeps it: never opened, but told apart from another box by
    /// the first 8 bytes of the SHA-256 of its ciphertext, so a replaced name counts as a change.
    /// It is shown as `(sealed)` (``shownValue(_:)``): ciphertexts differ with the keys, and the
    /// trail must not.
    static func sealed(_ box: String) -> String {
        sealedPrefix + Hex.lowercase(SHA256.hash(data: Data(box.utf8)).prefix(8))
    }

    private static let sealedPrefix = "(sealed)#"

    /// A field's value as the trail shows it.
    static func shownValue(_ value: String) -> String {
        value.hasPrefix(sealedPrefix) ? "(sealed)" : value
    }

    private static func flatten(_ value: JSONValue, into path: String, _ fields: inout [String: String]) {
        switch value {
        case .object(let object):
            if object.count == 1, case .string(let box) = object["box"] {
                fields[path] = sealed(box)
                return
            }
            for (key, inner) in object { flatten(inner, into: path.isEmpty ? key : path + "." + key, &fields) }
        case .list(let list):
            if let keyed = keyedRecords(list) {
                for (key, record) in keyed { flatten(record, into: "\(path)[\(key)]", &fields) }
            } else if list.allSatisfy(\.isObject) {
                for (index, record) in list.enumerated() { flatten(record, into: "\(path)[#\(index)]", &fields) }
            } else {
                fields[path] = value.text
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

    /// The `at_micros` of an `occurred` object (a string in protobuf's JSON mapping).
    private static func micros(in occurred: JSONValue?) -> Int64? {
        guard case .object(let fields)? = occurred, case .string(let micros)? = fields["at_micros"] else { return nil }
        return Int64(micros)
    }
}
