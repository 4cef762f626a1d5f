public import CallStackEvents
import SwiftProtobuf

/// What saving an accepted outcome records, besides `OutcomeSaved`: the details reports need
/// (a meeting, an opportunity, revenue), the callbacks and follow-ups the caller captured, and
/// those the campaign's follow-up rules make for this outcome and contact. Pure: "now" and the
/// contact's facts are parameters.
public struct OutcomeEffects: Sendable {
    public let brief: Callstack_V1_CampaignBrief
    public let outcome: Callstack_V1_OutcomeDefinition
    public let capture: Callstack_V1_OutcomeCapture
    public let facts: ContactFacts

    public init(
        brief: Callstack_V1_CampaignBrief, outcome: Callstack_V1_OutcomeDefinition, capture: Callstack_V1_OutcomeCapture, facts: ContactFacts
    ) {
        self.brief = brief
        self.outcome = outcome
        self.capture = capture
        self.facts = facts
    }

    /// The follow-up rules of the campaign that fire for this outcome and contact, in brief order.
    public var firingRules: [Callstack_V1_FollowUpRule] {
        brief.callHandling.followUpRules.filter { $0.outcomeID == outcome.outcomeID && facts.satisfies($0.when) }
    }

    /// The call status the enrolment moves to: the last firing rule's that sets one, else the outcome's.
    public var callStatus: String {
        firingRules.reversed().lazy.compactMap { rule -> String? in
            if case .setCallStatus(let status) = rule.action { status } else { nil }
        }.first ?? outcome.callStatus
    }

    /// The events after `OutcomeSaved`, for the call `call` (its contact, campaign and id, the
    /// caller, and the save's occurrence).
    public func events(_ call: CallContext) -> [CallSession.Event] {
        var events: [CallSession.Event] = []
        if capture.hasMeeting {
            events.append(.meetingBooked(.with {
                $0.occurred = call.occurred; $0.contactID = call.contactID; $0.campaignID = call.campaignID; $0.callID = call.callID
                $0.meetingID = call.callID; $0.startsAtMicros = capture.meeting.startsAtMicros; $0.durationMinutes = capture.meeting.durationMinutes
            }, location: capture.meeting.location))
        }
        if capture.hasOpportunity {
            events.append(.opportunityOpened(.with {
                $0.occurred = call.occurred; $0.contactID = call.contactID; $0.campaignID = call.campaignID; $0.callID = call.callID
                $0.opportunityID = capture.opportunity.opportunityID; $0.amount = capture.opportunity.amount; $0.stage = capture.opportunity.stage
            }))
        }
        if capture.hasRevenue {
            events.append(.revenueAttributed(.with {
                $0.occurred = call.occurred; $0.contactID = call.contactID; $0.campaignID = call.campaignID; $0.callID = call.callID
                $0.opportunityID = capture.revenue.opportunityID; $0.amount = capture.revenue.amount
            }))
        }
        if capture.hasCallback {
            events.append(.callbackScheduled(callback(call, due: capture.callback.dueAtMicros, owner: capture.callback.ownerOnly ? call.caller : "", rule: "")))
        }
        if capture.hasFollowUp {
            events.append(.followUpCreated(followUp(call, due: capture.followUp.dueAtMicros, action: capture.followUp.action, rule: "")))
        }
        for rule in firingRules {
            switch rule.action {
            case .callbackAfterSeconds(let seconds):
                // A callback the caller agreed with the contact wins over a rule's.
                if capture.hasCallback { continue }
                let due = call.occurred.atMicros.addingReportingOverflow(Int64(max(0, seconds)) * 1_000_000)
                if !due.overflow { events.append(.callbackScheduled(callback(call, due: due.partialValue, owner: "", rule: rule.ruleID))) }
            case .emailTemplate(let template):
                events.append(.followUpCreated(followUp(call, due: call.occurred.atMicros, action: "send email " + template, rule: rule.ruleID)))
            case .setCallStatus, .none:
                break
            }
        }
        return events
    }

    private func callback(_ call: CallContext, due: Int64, owner: String, rule: String) -> Callstack_V1_CallbackScheduled {
        .with {
            $0.occurred = call.occurred; $0.contactID = call.contactID; $0.campaignID = call.campaignID; $0.callID = call.callID
            $0.dueAtMicros = due; $0.ownerMemberID = owner; $0.ruleID = rule
        }
    }

    private func followUp(_ call: CallContext, due: Int64, action: String, rule: String) -> Callstack_V1_FollowUpCreated {
        .with {
            $0.occurred = call.occurred; $0.contactID = call.contactID; $0.campaignID = call.campaignID; $0.callID = call.callID
            $0.dueAtMicros = due; $0.action = action; $0.ruleID = rule
        }
    }
}

/// The call an outcome is saved for.
public struct CallContext: Sendable {
    public let occurred: Callstack_V1_Occurrence
    public let contactID: String
    public let campaignID: String
    public let callID: String
    /// The caller whose call it was.
    public let caller: String

    public init(occurred: Callstack_V1_Occurrence, contactID: String, campaignID: String, callID: String, caller: String) {
        self.occurred = occurred
        self.contactID = contactID
        self.campaignID = campaignID
        self.callID = callID
        self.caller = caller
    }
}
