public import CallStackEvents
public import EventSourcing
import Foundation

/// Every contact with its personal fields still sealed: names, phone numbers and emails are kept
/// as the boxes the log holds and opened only at query time, with the contact's key. So a forget
/// (which deletes the key) changes neither this read model nor its digest, and its snapshots hold
/// no plaintext. Plaintext attributes (company, source, phone regions, enrolments with their call
/// status) are kept as they are: what contact search filters on without opening anything.
///
/// Version 2 follows edits, archiving and unarchiving, and enrolments; version 3 the call status
/// saved outcomes move them to.
public struct ContactDirectoryProjector: Projector {
    public struct Entry: Sendable, Equatable {
        public var name: [UInt8] = []
        public var phones: [[UInt8]] = []
        public var emails: [[UInt8]] = []
        public var regions: [String] = []
        public var company = ""
        public var source = ""
        public var archived = false
        public var forgotten = false
        /// Campaign id → call status, for the campaigns the contact is enrolled in now.
        public var enrolments: [String: String] = [:]
    }

    public let name = "contact-directory"
    public let version = 3

    public init() {}

    public var initialState: [String: Entry] { [:] }

    public func apply(_ state: inout [String: Entry], _ event: DecodedEvent) {
        switch event.message {
        case let created as Callstack_V1_ContactCreated:
            var entry = state[created.contactID] ?? Entry()
            entry.name = Array(created.name.box)
            entry.phones = created.phones.map { Array($0.numberE164.box) }
            entry.regions = created.phones.map(\.region)
            entry.emails = created.emails.map { Array($0.box) }
            entry.company = created.company
            entry.source = created.source
            state[created.contactID] = entry
        case let edited as Callstack_V1_ContactEdited:
            guard var entry = state[edited.contactID] else { return }
            let changed = Set(edited.changed.compactMap(ContactGroup.init))
            if changed.contains(.name) { entry.name = Array(edited.name.box) }
            if changed.contains(.phones) {
                entry.phones = edited.phones.map { Array($0.numberE164.box) }
                entry.regions = edited.phones.map(\.region)
            }
            if changed.contains(.emails) { entry.emails = edited.emails.map { Array($0.box) } }
            if changed.contains(.company) { entry.company = edited.company }
            if changed.contains(.source) { entry.source = edited.source }
            state[edited.contactID] = entry
        case let archived as Callstack_V1_ContactArchived:
            state[archived.contactID]?.archived = true
        case let unarchived as Callstack_V1_ContactUnarchived:
            state[unarchived.contactID]?.archived = false
        case let enrolled as Callstack_V1_ContactEnrolled:
            state[enrolled.contactID]?.enrolments[enrolled.campaignID] = enrolled.callStatus
        case let saved as Callstack_V1_OutcomeSaved where !saved.callStatus.isEmpty:
            if state[saved.contactID]?.enrolments[saved.campaignID] != nil { state[saved.contactID]?.enrolments[saved.campaignID] = saved.callStatus }
        case let unenrolled as Callstack_V1_ContactUnenrolled:
            state[unenrolled.contactID]?.enrolments[unenrolled.campaignID] = nil
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
            writer.write(entry.source)
            writer.write(entry.archived)
            writer.write(entry.forgotten)
            writer.write(entry.enrolments) { writer, campaign, status in
                writer.write(campaign)
                writer.write(status)
            }
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
            entry.source = try reader.readString()
            entry.archived = try reader.readBool()
            entry.forgotten = try reader.readBool()
            entry.enrolments = try reader.readDictionary { reader throws(ProjectionError) in
                (try reader.readString(), try reader.readString())
            }
            return (id, entry)
        }
    }
}
