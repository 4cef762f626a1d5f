import CallStackEvents
public import EventSourcing
import SwiftProtobuf

/// The audit trail's index: from each subject to the log positions that concern it, kept in
/// LMDB. A subject is
/// - a stream (`stream:contact-17`: everything that happened to contact 17, erasure included);
/// - an actor (`actor:ada`: everything Ada did);
/// - a member (`member:ada`: everything done to Ada's membership: invitation, roles, rates);
/// - a campaign (`campaign:spring`: its own stream, and the enrolments, calls and outcomes of
///   its contacts, which live on the contacts' streams).
///
/// Each key is the subject, a NUL, then the position (8 bytes, big-endian), so a subject's
/// positions come back in log order from one prefix walk.
public struct AuditTrailProjector: IndexProjector {
    /// The index's name in the snapshot store.
    public let name = "audit-trail"
    /// 2: member and campaign subjects; 3: unenrolments and campaign notes under their campaign.
    public let version = 3

    public init() {}

    /// The event's stream and actor, and the member or campaign it concerns.
    public func keys(for event: DecodedEvent) -> [[UInt8]] {
        var subjects: [Subject] = [.stream(event.stream)]
        if !event.actor.isEmpty { subjects.append(.actor(event.actor)) }
        let (member, campaign) = Self.concerns(event.message)
        if let member, !member.isEmpty { subjects.append(.member(member)) }
        if let campaign, !campaign.isEmpty { subjects.append(.campaign(campaign)) }
        return subjects.map { Self.key($0, position: event.position) }
    }

    /// Whose trail to look up.
    public enum Subject: Sendable, Equatable {
        case stream(String)
        case actor(String)
        case member(String)
        case campaign(String)

        /// The key prefix of this subject's entries.
        public var prefix: [UInt8] {
            switch self {
            case .stream(let stream): Array("stream:\(stream)".utf8) + [0]
            case .actor(let actor): Array("actor:\(actor)".utf8) + [0]
            case .member(let member): Array("member:\(member)".utf8) + [0]
            case .campaign(let campaign): Array("campaign:\(campaign)".utf8) + [0]
            }
        }
    }

    static func key(_ subject: Subject, position: UInt64) -> [UInt8] {
        subject.prefix + withUnsafeBytes(of: position.bigEndian) { Array($0) }
    }

    /// The positions in the keys of a subject's entries, in order. Keys longer than the subject's
    /// prefix and a position belong to another subject whose name starts with this one's and a
    /// NUL, and are left out.
    public static func positions(in keys: [[UInt8]], of subject: Subject) -> [UInt64] {
        let length = subject.prefix.count + 8
        return keys.compactMap { key in
            guard key.count == length, key.starts(with: subject.prefix) else { return nil }
            return key.suffix(8).reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    /// The member whose membership an event changes, and the campaign it concerns (on the
    /// campaign's stream or a contact's): one switch, the frequent contact events first.
    static func concerns(_ message: any SwiftProtobuf.Message) -> (member: String?, campaign: String?) {
        switch message {
        case let saved as Callstack_V1_OutcomeSaved: (nil, saved.campaignID)
        case let dialled as Callstack_V1_CallDialled: (nil, dialled.campaignID)
        case let enrolled as Callstack_V1_ContactEnrolled: (nil, enrolled.campaignID)
        case let unenrolled as Callstack_V1_ContactUnenrolled: (nil, unenrolled.campaignID)
        case let note as Callstack_V1_ContactNoteAdded: (nil, note.campaignID.isEmpty ? nil : note.campaignID)
        case let created as Callstack_V1_CampaignCreated: (nil, created.campaignID)
        case let changed as Callstack_V1_CampaignStatusChanged: (nil, changed.campaignID)
        case let changed as Callstack_V1_CampaignBriefChanged: (nil, changed.campaignID)
        case let defined as Callstack_V1_OutcomeDefined: (nil, defined.campaignID)
        case let created as Callstack_V1_WorkspaceCreated: (created.adminMemberID, nil)
        case let invited as Callstack_V1_MemberInvited: (invited.memberID, nil)
        case let changed as Callstack_V1_MemberRoleChanged: (changed.memberID, nil)
        case let removed as Callstack_V1_MemberRemoved: (removed.memberID, nil)
        case let deactivated as Callstack_V1_MemberDeactivated: (deactivated.memberID, nil)
        case let reactivated as Callstack_V1_MemberReactivated: (reactivated.memberID, nil)
        case let rate as Callstack_V1_MemberLabourRateSet: (rate.memberID, nil)
        default: (nil, nil)
        }
    }
}
