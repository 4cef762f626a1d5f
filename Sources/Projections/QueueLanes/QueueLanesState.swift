import CallStackDomain
import CallStackEvents
import SwiftProtobuf

/// What ``QueueLanesProjector`` folds the log into: the campaigns' queues, what the queues need
/// to know of contacts (plaintext facts, time zones, archived or forgotten) and of members
/// (deactivated), and the clock.
public struct QueueLanesState: Sendable {
    /// The queue's "now": the latest business time of an event, or of ``advance(to:)``.
    public internal(set) var clock: Int64 = 0
    public internal(set) var campaigns: [String: CampaignLanes] = [:]
    var contacts: [String: QueueContact] = [:]
    var inactiveMembers: Set<String> = []
    /// Caller → the end of their last call: per-caller spacing.
    public internal(set) var callerLastEnd: [String: Int64] = [:]
    var defaults = Callstack_V1_CampaignDefaults()

    public init() {}

    /// The contact's queue-relevant facts.
    public func contact(_ contactID: String) -> QueueContact? { contacts[contactID] }

    /// The enrolment's record, and where it stands at `now`: placed afresh at that time, so
    /// nothing of the lanes is copied, and a time before the clock is answered too.
    public func enrolment(_ contactID: String, in campaignID: String, at now: Int64) -> (record: EnrolmentRecord, placement: Placement)? {
        guard let lanes = campaigns[campaignID], let (record, _) = lanes.enrolment(contactID) else { return nil }
        return (record, PlacementWorld(contacts: contacts, inactiveMembers: inactiveMembers, clock: now).placement(of: record, rules: lanes.rules))
    }

    // MARK: Time

    /// Moves the clock to `now` (never back), re-placing every enrolment whose placement time
    /// alone changes by then.
    public mutating func advance(to now: Int64) {
        guard now > clock else { return }
        clock = now
        // Campaigns are independent: the order they are visited in changes nothing. Values are
        // changed in place (a dictionary index holds no reference to the storage).
        let world = world
        var index = campaigns.startIndex
        while index != campaigns.endIndex {
            campaigns.values[index].fireTimers(upTo: now, world)
            campaigns.formIndex(after: &index)
        }
    }

    /// What placing an enrolment needs besides its campaign.
    var world: PlacementWorld { PlacementWorld(contacts: contacts, inactiveMembers: inactiveMembers, clock: clock) }

    /// Takes the first enrolment of `campaignID` that `accepts` (see ``CampaignLanes``), which
    /// sees each candidate with what the choice needs to know besides (``SelectionContext``). The
    /// lanes are changed in place: nothing of the state is copied.
    public mutating func take(
        from campaignID: String, limit: Int, _ accepts: (EnrolmentRecord, Placement, SelectionContext) -> Bool
    ) -> (String, Placement)? {
        guard let rules = campaigns[campaignID]?.rules else { return nil }
        let context = SelectionContext(rules: rules, contacts: contacts, inactiveMembers: inactiveMembers, callerLastEnd: callerLastEnd)
        return campaigns[campaignID]?.take(limit: limit) { accepts($0, $1, context) }
    }

    // MARK: Events

    mutating func apply(_ message: any SwiftProtobuf.Message, position: UInt64) {
        // One type look-up, then one cast: a chain of `as?` would try every type in turn.
        switch ObjectIdentifier(type(of: message)) {
        // Each event moves the clock to its business time first (never back: an event dated
        // earlier than the clock applies at the clock).
        case Kind.saved:
            let saved = message as! Callstack_V1_OutcomeSaved
            enrolmentEvent(.saved(saved), saved.contactID, saved.campaignID, saved.occurred, position)
        case Kind.dial:
            let dial = message as! Callstack_V1_DialStarted
            enrolmentEvent(.dialStarted(callID: dial.callID, at: dial.occurred.atMicros, caller: dial.callerMemberID), dial.contactID, dial.campaignID, dial.occurred, position)
        case Kind.ended:
            let ended = message as! Callstack_V1_CallEnded
            enrolmentEvent(.ended(ended), ended.contactID, ended.campaignID, ended.occurred, position)
            campaigns[ended.campaignID]?.count(ended.result, at: ended.occurred.atMicros)
            if let caller = campaigns[ended.campaignID]?.enrolment(ended.contactID)?.record.currentCaller, !caller.isEmpty {
                callerLastEnd[caller] = ended.occurred.atMicros
            }
        case Kind.reserved:
            let reserved = message as! Callstack_V1_CallReserved
            enrolmentEvent(.reserved(reserved), reserved.contactID, reserved.campaignID, reserved.occurred, position)
        case Kind.connected:
            let connected = message as! Callstack_V1_CallConnected
            enrolmentEvent(.connected(callID: connected.callID, at: connected.occurred.atMicros), connected.contactID, connected.campaignID, connected.occurred, position)
        default:
            applyRarer(message, position: position)
        }
    }

    /// The events that come once per contact or campaign, or seldom.
    private mutating func applyRarer(_ message: any SwiftProtobuf.Message, position: UInt64) {
        switch message {
        case let escalated as Callstack_V1_HotLeadEscalated: enrolmentEvent(.escalated, escalated.contactID, escalated.campaignID, escalated.occurred, position)
        case let due as Callstack_V1_CallbackDue: enrolmentEvent(.callbackSurfaced, due.contactID, due.campaignID, due.occurred, position)
        case let released as Callstack_V1_ReservationReleased: enrolmentEvent(.released, released.contactID, released.campaignID, released.occurred, position)
        case let dialled as Callstack_V1_CallDialled:
            enrolmentEvent(
                .provisionalDial(at: dialled.occurred.atMicros, caller: dialled.callerMemberID), dialled.contactID, dialled.campaignID, dialled.occurred, position)
        case let callback as Callstack_V1_CallbackScheduled: enrolmentEvent(.callback(callback), callback.contactID, callback.campaignID, callback.occurred, position)
        case let reassigned as Callstack_V1_EnrolmentReassigned:
            enrolmentEvent(.reassigned(to: reassigned.toMemberID), reassigned.contactID, reassigned.campaignID, reassigned.occurred, position)
        case let enrolled as Callstack_V1_ContactEnrolled:
            enrolmentEvent(.enrolled(enrolled), enrolled.contactID, enrolled.campaignID, enrolled.occurred, position)
            contacts[enrolled.contactID, default: QueueContact()].enrol(enrolled.campaignID)
        case let unenrolled as Callstack_V1_ContactUnenrolled: enrolmentEvent(.unenrolled, unenrolled.contactID, unenrolled.campaignID, unenrolled.occurred, position)
        case let created as Callstack_V1_ContactCreated:
            contactEvent(created.contactID, created.occurred) { $0.record(created) }
        case let edited as Callstack_V1_ContactEdited:
            contactEvent(edited.contactID, edited.occurred) { $0.record(edited) }
        case let archived as Callstack_V1_ContactArchived: contactEvent(archived.contactID, archived.occurred) { $0.archived = true }
        case let unarchived as Callstack_V1_ContactUnarchived: contactEvent(unarchived.contactID, unarchived.occurred) { $0.archived = false }
        case let forgotten as Callstack_V1_ContactForgotten: contactEvent(forgotten.contactID, forgotten.occurred) { $0.forgotten = true }
        case let created as Callstack_V1_CampaignCreated:
            advance(to: created.occurred.atMicros)
            campaigns[created.campaignID] = CampaignLanes(rules: LaneRules(brief: .init(), workspace: defaults))
        case let changed as Callstack_V1_CampaignBriefChanged:
            advance(to: changed.occurred.atMicros)
            campaigns[changed.campaignID]?.rules = LaneRules(brief: changed.brief, workspace: defaults)
            replaceAll { $0 == changed.campaignID }
        case let changed as Callstack_V1_CampaignStatusChanged:
            advance(to: changed.occurred.atMicros)
            campaigns[changed.campaignID]?.status = changed.status
        case let changed as Callstack_V1_WorkspaceSettingsChanged where changed.hasSettings:
            advance(to: changed.occurred.atMicros)
            defaults = changed.settings.campaignDefaults
            for id in Array(campaigns.keys) {
                let brief = campaigns[id]!.rules.brief
                campaigns[id]!.rules = LaneRules(brief: brief, workspace: defaults)
            }
            replaceAll { _ in true }
        case let deactivated as Callstack_V1_MemberDeactivated:
            advance(to: deactivated.occurred.atMicros)
            inactiveMembers.insert(deactivated.memberID)
            replaceAll { _ in true }
        case let reactivated as Callstack_V1_MemberReactivated:
            advance(to: reactivated.occurred.atMicros)
            inactiveMembers.remove(reactivated.memberID)
            replaceAll { _ in true }
        default:
            break
        }
    }

    private mutating func enrolmentEvent(
        _ change: EnrolmentChange, _ contactID: String, _ campaignID: String, _ occurred: Callstack_V1_Occurrence, _ position: UInt64
    ) {
        advance(to: occurred.atMicros)
        let world = world
        campaigns[campaignID]?.apply(change, to: contactID, position: position, world)
    }

    private mutating func contactEvent(_ contactID: String, _ occurred: Callstack_V1_Occurrence, _ change: (inout QueueContact) -> Void) {
        advance(to: occurred.atMicros)
        change(&contacts[contactID, default: QueueContact()])
        let world = world
        for campaignID in contacts[contactID]?.campaigns ?? [] {
            campaigns[campaignID]?.place(contactID, world)
        }
    }

    /// Places every enrolment of the campaigns `which` selects again (a rule or a member changed:
    /// rare, and O(n)).
    private mutating func replaceAll(_ which: (String) -> Bool) {
        let world = world
        for id in campaigns.keys.sorted() where which(id) {
            campaigns[id]?.placeAll(world)
        }
    }

}

/// The event types the queue reads most, by type identity.
private enum Kind {
    static let saved = ObjectIdentifier(Callstack_V1_OutcomeSaved.self)
    static let dial = ObjectIdentifier(Callstack_V1_DialStarted.self)
    static let ended = ObjectIdentifier(Callstack_V1_CallEnded.self)
    static let reserved = ObjectIdentifier(Callstack_V1_CallReserved.self)
    static let connected = ObjectIdentifier(Callstack_V1_CallConnected.self)
}

/// What placing an enrolment needs besides its campaign: the contacts' facts, who is deactivated,
/// and the clock.
struct PlacementWorld {
    let contacts: [String: QueueContact]
    let inactiveMembers: Set<String>
    let clock: Int64

    func placement(of record: EnrolmentRecord, rules: LaneRules) -> Placement {
        let contact = contacts[record.contactID] ?? QueueContact()
        let inactive = inactiveMembers
        return LanePolicy(rules: rules).place(
            record, facts: contact.facts(callStatus: record.callStatus), archived: contact.archived, forgotten: contact.forgotten,
            ownerActive: { !inactive.contains($0) }, at: clock)
    }
}

/// What the queue knows of a contact: plaintext facts for routing and value, the time zones its
/// first phone may be in, archived or forgotten, and its campaigns.
public struct QueueContact: Sendable, Equatable {
    public var source = ""
    public var regions: [String] = []
    /// The zones the calling window must hold in (the first phone's).
    public var zones: [String] = []
    public var custom: [String: String] = [:]
    public var archived = false
    public var forgotten = false
    public var campaigns: [String] = []

    public init() {}

    func facts(callStatus: String) -> ContactFacts {
        ContactFacts(source: source, callStatus: callStatus, phoneRegions: regions, custom: custom)
    }

    mutating func enrol(_ campaignID: String) {
        if !campaigns.contains(campaignID) { campaigns.append(campaignID) }
    }

    mutating func record(_ created: Callstack_V1_ContactCreated) {
        source = created.source
        record(phones: created.phones)
        custom = Self.plain(created.customFields)
    }

    mutating func record(_ edited: Callstack_V1_ContactEdited) {
        for group in edited.changed {
            switch group {
            case "phones": record(phones: edited.phones)
            case "source": source = edited.source
            case "custom_fields": custom = Self.plain(edited.customFields)
            default: break
            }
        }
    }

    private mutating func record(phones: [Callstack_V1_ContactPhone]) {
        regions = phones.map(\.region)
        zones = phones.first.map { $0.timeZones.isEmpty ? [$0.timeZone].filter { !$0.isEmpty } : $0.timeZones } ?? []
    }

    private static func plain(_ fields: [Callstack_V1_CustomFieldValue]) -> [String: String] {
        var plain: [String: String] = [:]
        for field in fields where !field.personal { plain[field.key] = field.plain }
        return plain
    }
}

/// What choosing a contact needs besides its record and placement: the campaign's rules, the
/// contacts' zones, and when each caller's last call ended.
public struct SelectionContext: Sendable {
    public let rules: LaneRules
    let contacts: [String: QueueContact]
    let inactiveMembers: Set<String>
    public let callerLastEnd: [String: Int64]

    /// The queue's facts about `contactID`.
    public func contact(_ contactID: String) -> QueueContact? { contacts[contactID] }

    /// Where `record` stands at `now` (which may be before the queue's clock, when requests come
    /// out of time order): a candidate must still be in a lane then.
    public func placement(of record: EnrolmentRecord, at now: Int64) -> Placement {
        PlacementWorld(contacts: contacts, inactiveMembers: inactiveMembers, clock: now).placement(of: record, rules: rules)
    }

    /// The enrolment's owner: its own (sticky, or reassigned), else the routing rules'.
    public func owner(of record: EnrolmentRecord) -> String {
        guard record.owner.isEmpty else { return record.owner }
        let contact = contacts[record.contactID] ?? QueueContact()
        return rules.routing(contact.facts(callStatus: record.callStatus)).member
    }
}
