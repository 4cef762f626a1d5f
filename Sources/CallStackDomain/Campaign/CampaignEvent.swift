public import CallStackEvents
public import EventSourcing
public import SwiftProtobuf

/// The events of a campaign's stream (`campaign-<id>`).
public enum CampaignEvent: Sendable, Equatable {
    case created(campaignID: String, clientID: String, name: String)
    /// The whole brief after an edit.
    case briefChanged(Callstack_V1_CampaignBrief)
    case statusChanged(Callstack_V1_CampaignStatus)
    /// An outcome defined on its own (the event before briefs held outcomes): added to the brief's
    /// outcomes, or replacing the one with its id. Never written now.
    case outcomeDefined(Callstack_V1_OutcomeDefined)
    case other

    /// The domain view of an event read from the log.
    public init(_ event: DecodedEvent) {
        switch event.message {
        case let created as Callstack_V1_CampaignCreated:
            self = .created(campaignID: created.campaignID, clientID: created.clientID, name: created.name)
        case let changed as Callstack_V1_CampaignBriefChanged:
            self = .briefChanged(changed.brief)
        case let changed as Callstack_V1_CampaignStatusChanged:
            self = .statusChanged(changed.status)
        case let defined as Callstack_V1_OutcomeDefined:
            self = .outcomeDefined(defined)
        default:
            self = .other
        }
    }

    /// The message to record on campaign `campaignID`'s stream, with its type name; nil for
    /// ``other`` and ``outcomeDefined(_:)``.
    public func recorded(campaignID: String, occurred: Callstack_V1_Occurrence) -> (type: String, message: any SwiftProtobuf.Message)? {
        switch self {
        case .created(_, let clientID, let name):
            var created = Callstack_V1_CampaignCreated()
            created.occurred = occurred
            created.campaignID = campaignID
            created.clientID = clientID
            created.name = name
            return ("CampaignCreated", created)
        case .briefChanged(let brief):
            var changed = Callstack_V1_CampaignBriefChanged()
            changed.occurred = occurred
            changed.campaignID = campaignID
            changed.brief = brief
            return ("CampaignBriefChanged", changed)
        case .statusChanged(let status):
            var changed = Callstack_V1_CampaignStatusChanged()
            changed.occurred = occurred
            changed.campaignID = campaignID
            changed.status = status
            return ("CampaignStatusChanged", changed)
        case .outcomeDefined, .other:
            return nil
        }
    }
}
