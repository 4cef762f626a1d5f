public import CallStackEvents
public import EventSourcing
import Foundation

/// Every contact with its personal fields still sealed: names, phone numbers and emails are kept
/// as the boxes the log holds and opened only at query time, with the contact's key. So a forget
/// (which deletes the key) changes neither this read model nor its digest, and its snapshots hold
/// no plaintext. Plaintext attributes (company, phone regions) are kept as they are.
public struct ContactDirectoryProjector: Projector {
    public struct Entry: Sendable, Equatable {
        public var name: [UInt8] = []
        public var phones: [[UInt8]] = []
        public var emails: [[UInt8]] = []
        public var regions: [String] = []
        public var company = ""
        public var forgotten = false
    }

    public let name = "contact-directory"
    public let version = 1

    public init() {}

    public var initialState: [String: Entry] { [:] }

    public func apply(_ state: inout [String: Entry], _ event: DecodedEvent) {
        switch event.message {
        case let created as Callstack_V1_ContactCreated:
            state[created.contactID] = Entry(
                name: Array(created.name.box), phones: created.phones.map { Array($0.numberE164.box) },
                emails: created.emails.map { Array($0.box) }, regions: created.phones.map(\.region),
                company: created.company)
        case let forgotten as Callstack_V1_ContactForgotten:
            state[forgotten.contactID, default: Entry()].forgotten = true
        default:
            break
        }
    }

    /// The sealed value of a stored box, for opening with the contact's key.
    public static func sealed(_ box: [UInt8]) -> Callstack_V1_SealedValue {
        var value = Callstack_V1_SealedValue()
        value.box = Data(box)
        return value
    }

    public func writeCanonical(_ state: [String: Entry], to writer: inout CanonicalWriter) {
        writer.write(state) { writer, id, entry in
            writer.write(id)
            writer.write(entry.name)
            writer.write(entry.phones) { $0.write($1) }
            writer.write(entry.emails) { $0.write($1) }
            writer.write(entry.regions) { $0.write($1) }
            writer.write(entry.company)
            writer.write(entry.forgotten)
        }
    }

    public func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> [String: Entry] {
        try reader.readDictionary { reader throws(ProjectionError) in
            let id = try reader.readString()
            var entry = Entry()
            entry.name = try reader.readBytes()
            entry.phones = try reader.readArray { reader throws(ProjectionError) in try reader.readBytes() }
            entry.emails = try reader.readArray { reader throws(ProjectionError) in try reader.readBytes() }
            entry.regions = try reader.readArray { reader throws(ProjectionError) in try reader.readString() }
            entry.company = try reader.readString()
            entry.forgotten = try reader.readBool()
            return (id, entry)
        }
    }
}
