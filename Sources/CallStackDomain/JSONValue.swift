import Foundation
package import SwiftProtobuf

/// A message in protobuf's JSON mapping (proto field names), as a typed tree rather than
/// Foundation's `Any`: what field-mask updates and the audit trail work on. Numbers keep their
/// text, so 64-bit integers (strings in the mapping anyway) and others never pass through a Double.
package enum JSONValue: Codable, Equatable, Sendable {
    case string(String), number(String), bool(Bool), null
    case list([JSONValue])
    case object([String: JSONValue])

    /// The tree of `message`; nil if it cannot be encoded (never for a valid message).
    package init?(_ message: any SwiftProtobuf.Message) {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        guard let data = try? message.jsonUTF8Data(options: options), let value = try? JSONDecoder().decode(JSONValue.self, from: data)
        else { return nil }
        self = value
    }

    /// The message this tree describes.
    package func message<M: SwiftProtobuf.Message>(_ type: M.Type) throws -> M {
        try M(jsonUTF8Data: try JSONEncoder().encode(self))
    }

    package init(from decoder: any Swift.Decoder) throws {
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

    package func encode(to encoder: any Swift.Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let string): try container.encode(string)
        case .number(let number):
            if let integer = Int64(number) { try container.encode(integer) } else { try container.encode(Double(number) ?? 0) }
        case .bool(let bool): try container.encode(bool)
        case .null: try container.encodeNil()
        case .list(let list): try container.encode(list)
        case .object(let object): try container.encode(object)
        }
    }

    /// The value at `path` (field names), nil when absent.
    package func value(at path: ArraySlice<String>) -> JSONValue? {
        guard let first = path.first else { return self }
        guard case .object(let object) = self, let inner = object[first] else { return nil }
        return inner.value(at: path.dropFirst())
    }

    /// Puts `value` at `path`, creating the objects on the way; nil removes what is there, and
    /// objects left empty by a removal go too.
    package mutating func set(_ value: JSONValue?, at path: ArraySlice<String>) {
        guard let first = path.first else {
            self = value ?? .null
            return
        }
        var object: [String: JSONValue] = if case .object(let existing) = self { existing } else { [:] }
        if path.count == 1 {
            object[first] = value
        } else if value != nil || object[first] != nil {
            var inner = object[first] ?? .object([:])
            inner.set(value, at: path.dropFirst())
            object[first] = inner.isEmptyObject ? nil : inner
        }
        self = .object(object)
    }

    package var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    var isEmptyObject: Bool {
        if case .object(let object) = self { return object.isEmpty }
        return false
    }

    /// The value as one line of text: strings bare, lists and objects with sorted keys.
    package var text: String {
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
