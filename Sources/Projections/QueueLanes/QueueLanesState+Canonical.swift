import CallStackEvents
import EventSourcing
import SwiftProtobuf

extension QueueLanesState {
    /// The canonical form: the clock, the workspace's campaign defaults, deactivated members,
    /// contacts and campaigns by id, each enrolment by contact id with its record and lane, and
    /// the hourly call counts. Placements and lane orders are not written: they follow from the
    /// records at the clock, and reading places every enrolment again.
    func write(to writer: inout CanonicalWriter) {
        writer.write(clock)
        writer.write(Self.bytes(defaults))
        writer.write(inactiveMembers) { $0.write($1) }
        writer.write(callerLastEnd) { $0.write($1); $0.write($2) }
        writer.write(contacts) { writer, id, contact in
            writer.write(id)
            writer.write(contact.source)
            writer.write(contact.regions) { $0.write($1) }
            writer.write(contact.zones) { $0.write($1) }
            writer.write(contact.custom) { $0.write($1); $0.write($2) }
            writer.write(contact.archived)
            writer.write(contact.forgotten)
            writer.write(contact.campaigns) { $0.write($1) }
        }
        writer.write(campaigns) { writer, id, campaign in
            writer.write(id)
            writer.write(Self.bytes(campaign.rules.brief))
            writer.write(campaign.status.rawValue)
            // In slot order, which is enrolment order in the log: a restored queue keeps its slots,
            // and with them the order `advance` visits enrolments in.
            writer.write(Array(campaign.records.indices)) { writer, slot in
                Self.write(campaign.records[slot], to: &writer)
                writer.write(campaign.placements[slot].lane?.rawValue ?? -1)
            }
            for counts in [campaign.answeredByHour, campaign.abandonedByHour, campaign.endedByHour, campaign.failedByHour] {
                writer.write(counts) { $0.write($1); $0.write(Int64($2)) }
            }
        }
    }

    init(reading reader: inout CanonicalReader) throws(ProjectionError) {
        self.init()
        clock = try reader.readInt64()
        defaults = try Self.message(try reader.readBytes())
        inactiveMembers = try reader.readSet { reader throws(ProjectionError) in try reader.readString() }
        callerLastEnd = try reader.readDictionary { reader throws(ProjectionError) in (try reader.readString(), try reader.readInt64()) }
        contacts = try reader.readDictionary { reader throws(ProjectionError) in
            let id = try reader.readString()
            var contact = QueueContact()
            contact.source = try reader.readString()
            contact.regions = try reader.readArray { reader throws(ProjectionError) in try reader.readString() }
            contact.zones = try reader.readArray { reader throws(ProjectionError) in try reader.readString() }
            contact.custom = try reader.readDictionary { reader throws(ProjectionError) in (try reader.readString(), try reader.readString()) }
            contact.archived = try reader.readBool()
            contact.forgotten = try reader.readBool()
            contact.campaigns = try reader.readArray { reader throws(ProjectionError) in try reader.readString() }
            return (id, contact)
        }
        let defaults = self.defaults
        let read = try reader.readDictionary { reader throws(ProjectionError) in
            let id = try reader.readString()
            var campaign = CampaignLanes(rules: LaneRules(brief: try Self.message(try reader.readBytes()), workspace: defaults))
            campaign.status = Callstack_V1_CampaignStatus(rawValue: try reader.readInt()) ?? .unspecified
            let records = try reader.readArray { reader throws(ProjectionError) in
                let record = try Self.readRecord(from: &reader)
                _ = try reader.readInt()
                return record
            }
            for record in records {
                let slot = campaign.slot(record.contactID)
                campaign.records[Int(slot)] = record
                campaign.countOpen(record, 1)
            }
            campaign.answeredByHour = try Self.readHourly(&reader)
            campaign.abandonedByHour = try Self.readHourly(&reader)
            campaign.endedByHour = try Self.readHourly(&reader)
            campaign.failedByHour = try Self.readHourly(&reader)
            return (id, campaign)
        }
        let world = world
        for (id, var campaign) in read {
            campaign.placeAll(world)
            campaigns[id] = campaign
        }
    }

    /// Hour → count, as the writer wrote it.
    private static func readHourly(_ reader: inout CanonicalReader) throws(ProjectionError) -> [Int64: Int32] {
        try reader.readDictionary { reader throws(ProjectionError) in (try reader.readInt64(), Int32(clamping: try reader.readInt64())) }
    }

    private static func write(_ record: EnrolmentRecord, to writer: inout CanonicalWriter) {
        writer.write(record.contactID)
        writer.write(record.enrolled)
        writer.write(record.enrolledAt)
        writer.write(record.busy)
        writer.write(Int64(record.attempts))
        writer.write(Int64(record.dialDay))
        writer.write(Int64(record.dialsThatDay))
        writer.write(record.lastDialMicros)
        writer.write(record.lastEndMicros)
        writer.write(record.lastResult.rawValue)
        writer.write(record.lastOutcomeID)
        writer.write(record.final)
        writer.write(record.owner)
        writer.write(record.callbackDue)
        writer.write(record.callbackOwner)
        writer.write(record.hotLeadSince)
        writer.write(Int64(record.failedDays))
        writer.write(Int64(record.lastFailedDay))
        writer.write(record.callStatus)
        writer.write(record.lastActivityMicros)
        writer.write(record.currentCaller)
        writer.write(record.reservationExpires)
        writer.write(record.reservationID)
        writer.write(record.openCallID)
        writer.write(record.openCallSince)
        writer.write(record.escalated)
        writer.write(record.callbackSurfaced)
    }

    private static func readRecord(from reader: inout CanonicalReader) throws(ProjectionError) -> EnrolmentRecord {
        var record = EnrolmentRecord(contactID: try reader.readString())
        record.enrolled = try reader.readBool()
        record.enrolledAt = try reader.readUInt64()
        record.busy = try reader.readBool()
        record.attempts = Int32(clamping: try reader.readInt64())
        record.dialDay = Int32(clamping: try reader.readInt64())
        record.dialsThatDay = Int32(clamping: try reader.readInt64())
        record.lastDialMicros = try reader.readInt64()
        record.lastEndMicros = try reader.readInt64()
        record.lastResult = Callstack_V1_SystemResult(rawValue: try reader.readInt()) ?? .unspecified
        record.lastOutcomeID = try reader.readString()
        record.final = try reader.readBool()
        record.owner = try reader.readString()
        record.callbackDue = try reader.readOptionalInt64()
        record.callbackOwner = try reader.readString()
        record.hotLeadSince = try reader.readOptionalInt64()
        record.failedDays = Int32(clamping: try reader.readInt64())
        record.lastFailedDay = Int32(clamping: try reader.readInt64())
        record.callStatus = try reader.readString()
        record.lastActivityMicros = try reader.readInt64()
        record.currentCaller = try reader.readString()
        record.reservationExpires = try reader.readOptionalInt64()
        record.reservationID = try reader.readString()
        record.openCallID = try reader.readString()
        record.openCallSince = try reader.readInt64()
        record.escalated = try reader.readBool()
        record.callbackSurfaced = try reader.readBool()
        return record
    }

    private static func bytes(_ message: some SwiftProtobuf.Message) -> [UInt8] {
        (try? message.serializedBytes()) ?? []
    }

    private static func message<M: SwiftProtobuf.Message>(_ bytes: [UInt8]) throws(ProjectionError) -> M {
        do {
            return try M(serializedBytes: bytes)
        } catch {
            throw .corruptSnapshot("a \(M.protoMessageName) that does not decode")
        }
    }
}
