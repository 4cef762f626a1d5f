public import CallStackEvents
public import EventSourcing

/// Each campaign's progress (enrolled contacts, dials, outcomes, talk time) and each contact's
/// latest call in it: the realistic projection behind `realistic_eps` until the queue-lanes read
/// model replaces it. Every event is decoded and most touch two dictionaries.
public struct CampaignProgressProjector: Projector {
    public struct Campaign: Sendable, Equatable {
        public var name = ""
        public var status: Callstack_V1_CampaignStatus = .unspecified
        public var outcomesDefined: [String: String] = [:]
        public var enrolled: UInt64 = 0
        public var dialled: UInt64 = 0
        public var outcomes: [String: UInt64] = [:]
        public var talkSeconds: UInt64 = 0

        mutating func record(_ saved: Callstack_V1_OutcomeSaved) {
            outcomes[saved.outcomeID, default: 0] += 1
            talkSeconds += UInt64(saved.talkSeconds)
        }
    }

    public struct ContactProgress: Sendable, Equatable {
        public var campaign = ""
        public var lane = ""
        public var attempts: UInt64 = 0
        public var lastOutcome = ""
        public var lastCallAtMicros: Int64 = 0
        public var forgotten = false

        mutating func recordDial(at micros: Int64) {
            attempts += 1
            lastCallAtMicros = micros
        }

        mutating func record(_ enrolled: Callstack_V1_ContactEnrolled) {
            campaign = enrolled.campaignID
            lane = enrolled.lane
        }
    }

    public struct State: Sendable, Equatable {
        public var campaigns: [String: Campaign] = [:]
        public var contacts: [String: ContactProgress] = [:]
        public init() {}
    }

    public let name = "campaign-progress"
    /// 2: unenrolments count. 3: the calling workflow's `DialStarted` counts as a dial, as the
    /// provisional `CallDialled` does.
    public let version = 3

    public init() {}

    public var initialState: State { State() }

    public func apply(_ state: inout State, _ event: DecodedEvent) {
        // The most frequent events first: each `case` is a dynamic cast.
        switch event.message {
        case let saved as Callstack_V1_OutcomeSaved:
            state.campaigns[saved.campaignID, default: Campaign()].record(saved)
            state.contacts[saved.contactID, default: ContactProgress()].lastOutcome = saved.outcomeID
        case let dialled as Callstack_V1_CallDialled:
            state.campaigns[dialled.campaignID, default: Campaign()].dialled += 1
            state.contacts[dialled.contactID, default: ContactProgress()].recordDial(at: dialled.occurred.atMicros)
        case let dial as Callstack_V1_DialStarted:
            state.campaigns[dial.campaignID, default: Campaign()].dialled += 1
            state.contacts[dial.contactID, default: ContactProgress()].recordDial(at: dial.occurred.atMicros)
        case let enrolled as Callstack_V1_ContactEnrolled:
            state.campaigns[enrolled.campaignID, default: Campaign()].enrolled += 1
            state.contacts[enrolled.contactID, default: ContactProgress()].record(enrolled)
        case let created as Callstack_V1_CampaignCreated:
            state.campaigns[created.campaignID, default: Campaign()].name = created.name
        case let changed as Callstack_V1_CampaignStatusChanged:
            state.campaigns[changed.campaignID, default: Campaign()].status = changed.status
        case let defined as Callstack_V1_OutcomeDefined:
            state.campaigns[defined.campaignID, default: Campaign()].outcomesDefined[defined.outcomeID] = defined.label
        case let forgotten as Callstack_V1_ContactForgotten:
            state.contacts[forgotten.contactID, default: ContactProgress()].forgotten = true
        case let unenrolled as Callstack_V1_ContactUnenrolled:
            // An undone import, or a manager's decision: the contact leaves the campaign's count.
            if let campaign = state.campaigns[unenrolled.campaignID], campaign.enrolled > 0 {
                state.campaigns[unenrolled.campaignID]?.enrolled -= 1
            }
            if state.contacts[unenrolled.contactID]?.campaign == unenrolled.campaignID {
                state.contacts[unenrolled.contactID]?.campaign = ""
                state.contacts[unenrolled.contactID]?.lane = ""
            }
        default:
            break
        }
    }

    public func writeCanonical(_ state: State, to writer: inout CanonicalWriter) {
        writer.write(state.campaigns) { writer, id, campaign in
            writer.write(id)
            writer.write(campaign.name)
            writer.write(campaign.status.rawValue)
            writer.write(campaign.outcomesDefined) { $0.write($1); $0.write($2) }
            writer.write(campaign.enrolled)
            writer.write(campaign.dialled)
            writer.write(campaign.outcomes) { $0.write($1); $0.write($2) }
            writer.write(campaign.talkSeconds)
        }
        writer.write(state.contacts) { writer, id, contact in
            writer.write(id)
            writer.write(contact.campaign)
            writer.write(contact.lane)
            writer.write(contact.attempts)
            writer.write(contact.lastOutcome)
            writer.write(contact.lastCallAtMicros)
            writer.write(contact.forgotten)
        }
    }

    public func readCanonical(from reader: inout CanonicalReader) throws(ProjectionError) -> State {
        var state = State()
        state.campaigns = try reader.readDictionary { reader throws(ProjectionError) in
            let id = try reader.readString()
            var campaign = Campaign()
            campaign.name = try reader.readString()
            campaign.status = Callstack_V1_CampaignStatus(rawValue: try reader.readInt()) ?? .unspecified
            campaign.outcomesDefined = try reader.readDictionary { reader throws(ProjectionError) in
                (try reader.readString(), try reader.readString())
            }
            campaign.enrolled = try reader.readUInt64()
            campaign.dialled = try reader.readUInt64()
            campaign.outcomes = try reader.readDictionary { reader throws(ProjectionError) in
                (try reader.readString(), try reader.readUInt64())
            }
            campaign.talkSeconds = try reader.readUInt64()
            return (id, campaign)
        }
        state.contacts = try reader.readDictionary { reader throws(ProjectionError) in
            let id = try reader.readString()
            var contact = ContactProgress()
            contact.campaign = try reader.readString()
            contact.lane = try reader.readString()
            contact.attempts = try reader.readUInt64()
            contact.lastOutcome = try reader.readString()
            contact.lastCallAtMicros = try reader.readInt64()
            contact.forgotten = try reader.readBool()
            return (id, contact)
        }
        return state
    }
}
