import CallStackEvents
import Foundation
import SwiftProtobuf

/// One populated example of every registered event type and version, from which missing golden
/// fixtures are written. Existing fixtures are never rewritten: they are the contract.
enum GoldenSamples {
    static func sample(_ type: String, version: UInt32) -> (any SwiftProtobuf.Message)? {
        switch (type, version) {
        case ("CommandAcknowledged", 1):
            return with(Callstack_V1_CommandAcknowledged()) { $0.occurred = occurred; $0.commandID = "cmd-42" }
        case ("WorkspaceCreated", 1):
            return with(Callstack_V1_WorkspaceCreated()) { $0.occurred = occurred; $0.workspaceID = "ws-1"; $0.name = "Acme Outbound" }
        case ("MemberInvited", 1):
            return with(Callstack_V1_MemberInvited()) {
                $0.occurred = occurred; $0.memberID = "member-2"; $0.displayName.box = sealed(1); $0.email.box = sealed(2)
                $0.role = .caller
            }
        case ("MemberRoleChanged", 1):
            return with(Callstack_V1_MemberRoleChanged()) { $0.occurred = occurred; $0.memberID = "member-2"; $0.role = .campaignManager }
        case ("MemberRemoved", 1):
            return with(Callstack_V1_MemberRemoved()) { $0.occurred = occurred; $0.memberID = "member-2" }
        case ("MemberDeactivated", 1):
            return with(Callstack_V1_MemberDeactivated()) { $0.occurred = occurred; $0.memberID = "member-2" }
        case ("MemberReactivated", 1):
            return with(Callstack_V1_MemberReactivated()) { $0.occurred = occurred; $0.memberID = "member-2" }
        case ("MemberLabourRateSet", 1):
            return with(Callstack_V1_MemberLabourRateSet()) {
                $0.occurred = occurred; $0.memberID = "member-2"; $0.hourlyRate.minorUnits = 2_250; $0.hourlyRate.currency = "GBP"
            }
        case ("ClientRenamed", 1):
            return with(Callstack_V1_ClientRenamed()) { $0.occurred = occurred; $0.clientID = "client-7"; $0.name = "Globex Corporation" }
        case ("ClientArchived", 1):
            return with(Callstack_V1_ClientArchived()) { $0.occurred = occurred; $0.clientID = "client-7" }
        case ("ClientAdded", 1):
            return with(Callstack_V1_ClientAdded()) { $0.occurred = occurred; $0.clientID = "client-7"; $0.name = "Globex" }
        case ("WorkspaceSettingsChanged", 1):
            return with(Callstack_V1_WorkspaceSettingsChanged()) {
                $0.occurred = occurred; $0.timeFormat = .timeFormat24Hour; $0.timeZone = "Europe/London"
                $0.defaultCallStatus = "new"
            }
        case ("ImportStarted", 1):
            return with(Callstack_V1_ImportStarted()) {
                $0.occurred = occurred; $0.importID = "imp-1"; $0.campaignID = "campaign-3"; $0.fileName = "leads.csv"; $0.fileBytes = 2_048
                $0.fileSha256 = String(repeating: "ab", count: 32); $0.headers = ["Name", "Phone"]; $0.fields = ["name", "phone"]
                $0.defaultCallStatus = "new"; $0.duplicatePolicy = .enrol
            }
        case ("ImportRowsRecorded", 1):
            return with(Callstack_V1_ImportRowsRecorded()) {
                $0.occurred = occurred; $0.importID = "imp-1"
                $0.rows = [
                    with(Callstack_V1_ImportRowOutcome()) { $0.line = 2; $0.action = .created; $0.contactID = "imp-1-2"; $0.warnings = ["phone_region_from_default"] },
                    with(Callstack_V1_ImportRowOutcome()) { $0.line = 3; $0.action = .rejected; $0.reasons = ["phone_formula"] },
                ]
            }
        case ("ImportCommitted", 1):
            return with(Callstack_V1_ImportCommitted()) {
                $0.occurred = occurred; $0.importID = "imp-1"; $0.rows = 2; $0.created = 1; $0.rejected = 1
            }
        case ("ImportUndone", 1):
            return with(Callstack_V1_ImportUndone()) {
                $0.occurred = occurred; $0.importID = "imp-1"; $0.unenrolled = 2; $0.archived = 1
                $0.notUndone = [with(Callstack_V1_ImportRowNotUndone()) { $0.line = 7; $0.contactID = "imp-1.7"; $0.reason = "worked since: CallDialled" }]
            }
        case ("ContactUnenrolled", 1):
            return with(Callstack_V1_ContactUnenrolled()) { $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.reason = "import imp-1 undone" }
        case ("ContactArchived", 1):
            return with(Callstack_V1_ContactArchived()) { $0.occurred = occurred; $0.contactID = "contact-42"; $0.reason = "import imp-1 undone" }
        case ("ContactUnarchived", 1):
            return with(Callstack_V1_ContactUnarchived()) { $0.occurred = occurred; $0.contactID = "contact-42" }
        case ("ContactEdited", 1):
            return with(Callstack_V1_ContactEdited()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.changed = ["name", "phones", "company"]; $0.name.box = sealed(3)
                $0.phones = [with(Callstack_V1_ContactPhone()) { $0.numberE164.box = sealed(4); $0.region = "GB"; $0.timeZone = "Europe/London"; $0.type = .mobile; $0.valid = true }]
                $0.company = "Initech"
            }
        case ("ContactNoteAdded", 1):
            return with(Callstack_V1_ContactNoteAdded()) { $0.occurred = occurred; $0.contactID = "contact-42"; $0.text.box = sealed(5); $0.campaignID = "campaign-3" }
        case ("CallReserved", 1):
            return with(Callstack_V1_CallReserved()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.reservationID = "r-1"
                $0.callerMemberID = "member-2"; $0.expiresAtMicros = 1_800_000_120_000_000
            }
        case ("ReservationReleased", 1):
            return with(Callstack_V1_ReservationReleased()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.reservationID = "r-1"; $0.cause = .expired; $0.reason = "nobody dialled"
            }
        case ("DialStarted", 1):
            return with(Callstack_V1_DialStarted()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.reservationID = "r-1"; $0.callID = "call-9"
                $0.callerIDNumber = "+442079460000"; $0.callerMemberID = "member-2"
            }
        case ("CallConnected", 1):
            return with(Callstack_V1_CallConnected()) { $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9" }
        case ("CallEnded", 1):
            return with(Callstack_V1_CallEnded()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"; $0.result = .connected
            }
        case ("MeetingBooked", 1):
            return with(Callstack_V1_MeetingBooked()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"; $0.meetingID = "call-9"
                $0.startsAtMicros = 1_800_086_400_000_000; $0.durationMinutes = 30; $0.location.box = sealed(6)
            }
        case ("MeetingResponded", 1):
            return with(Callstack_V1_MeetingResponded()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.meetingID = "call-9"; $0.accepted = true
            }
        case ("OpportunityOpened", 1):
            return with(Callstack_V1_OpportunityOpened()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"; $0.opportunityID = "opp-1"
                $0.amount.minorUnits = 1_200_000; $0.amount.currency = "GBP"; $0.stage = "discovery"
            }
        case ("RevenueAttributed", 1):
            return with(Callstack_V1_RevenueAttributed()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"; $0.opportunityID = "opp-1"
                $0.amount.minorUnits = 450_000; $0.amount.currency = "GBP"
            }
        case ("CallbackScheduled", 1):
            return with(Callstack_V1_CallbackScheduled()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"
                $0.dueAtMicros = 1_800_007_200_000_000; $0.ownerMemberID = "member-2"; $0.ruleID = "call-back-in-2h"
            }
        case ("FollowUpCreated", 1):
            return with(Callstack_V1_FollowUpCreated()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"
                $0.dueAtMicros = 1_800_172_800_000_000; $0.action = "send the proposal"; $0.ruleID = "proposal-in-2-days"
            }
        case ("CallbackDue", 1):
            return with(Callstack_V1_CallbackDue()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.dueAtMicros = 1_800_007_200_000_000
            }
        case ("HotLeadEscalated", 1):
            return with(Callstack_V1_HotLeadEscalated()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.sinceMicros = 1_799_999_000_000_000
            }
        case ("EnrolmentReassigned", 1):
            return with(Callstack_V1_EnrolmentReassigned()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.fromMemberID = "member-2"; $0.toMemberID = "member-5"
            }
        case ("ShiftStarted", 1):
            return with(Callstack_V1_ShiftStarted()) { $0.occurred = occurred; $0.memberID = "member-2" }
        case ("ShiftEnded", 1):
            return with(Callstack_V1_ShiftEnded()) { $0.occurred = occurred; $0.memberID = "member-2" }
        case ("ImportMappingSaved", 1):
            return with(Callstack_V1_ImportMappingSaved()) {
                $0.occurred = occurred; $0.signature = "full name|mobile"; $0.headers = ["Full Name", "Mobile"]; $0.fields = ["name", "phone"]
            }
        case ("BillingPlanChanged", 1):
            return with(Callstack_V1_BillingPlanChanged()) { $0.occurred = occurred; $0.plan = .agency; $0.seats = 12 }
        case ("ScriptPublished", 1):
            return with(Callstack_V1_ScriptPublished()) {
                $0.occurred = occurred; $0.scriptID = "renewal-opener"; $0.version = 2; $0.title = "Renewal opener"; $0.body = "Hi, it's about your renewal."
            }
        case ("PlaybookTemplatePublished", 1):
            return with(Callstack_V1_PlaybookTemplatePublished()) {
                $0.occurred = occurred; $0.templateID = "discovery"; $0.version = 1; $0.name = "Discovery"
                $0.steps = [with(Callstack_V1_PlaybookStep()) { $0.stepID = "pain"; $0.title = "Find the pain" }]
            }
        case ("SuppressionEntryAdded", 1):
            return with(Callstack_V1_SuppressionEntryAdded()) {
                $0.occurred = occurred; $0.clientID = "client-7"; $0.phoneE164 = "+442079460000"; $0.reason = "asked not to be called"
            }
        case ("SuppressionEntryRemoved", 1):
            return with(Callstack_V1_SuppressionEntryRemoved()) { $0.occurred = occurred; $0.phoneE164 = "+442079460000" }
        case ("CampaignCreated", 1):
            return with(Callstack_V1_CampaignCreated()) {
                $0.occurred = occurred; $0.campaignID = "campaign-3"; $0.clientID = "client-7"; $0.name = "Q1 renewals"
            }
        case ("CampaignStatusChanged", 1):
            return with(Callstack_V1_CampaignStatusChanged()) { $0.occurred = occurred; $0.campaignID = "campaign-3"; $0.status = .active }
        case ("CampaignBriefChanged", 1):
            return with(Callstack_V1_CampaignBriefChanged()) {
                $0.occurred = occurred; $0.campaignID = "campaign-3"
                $0.brief.identity.name = "Q1 renewals"; $0.brief.identity.clientID = "client-7"
                $0.brief.callHandling.outcomes = [with(Callstack_V1_OutcomeDefinition()) {
                    $0.outcomeID = "won"; $0.label = "Won"; $0.flags = [.connect, .final]; $0.maxAttempts = 1
                }]
                $0.brief.dialing.callingWindow.start = "09:00"; $0.brief.dialing.callingWindow.end = "17:30"
            }
        case ("OutcomeDefined", 1):
            return with(Callstack_V1_OutcomeDefinedV1()) {
                $0.occurred = occurred; $0.campaignID = "campaign-3"; $0.outcomeID = "meeting-booked"; $0.label = "Meeting booked"
                $0.requirements = ["Notes", " meeting ", "budget approved"]
            }
        case ("OutcomeDefined", 2):
            return with(Callstack_V1_OutcomeDefined()) {
                $0.occurred = occurred; $0.campaignID = "campaign-3"; $0.outcomeID = "callback"; $0.label = "Call back"
                $0.requirements = [.notes, .callback]
            }
        case ("ContactCreated", 1):
            return with(Callstack_V1_ContactCreated()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.name.box = sealed(3); $0.title.box = sealed(4)
                $0.emails = [with(Callstack_V1_SealedValue()) { $0.box = sealed(5) }]
                $0.phones = [with(Callstack_V1_ContactPhone()) {
                    $0.numberE164.box = sealed(6); $0.region = "GB"; $0.timeZone = "Europe/London"; $0.type = .mobile
                    $0.valid = true
                }]
                $0.company = "Initech"
            }
        case ("ContactForgotten", 1):
            return with(Callstack_V1_ContactForgotten()) { $0.occurred = occurred; $0.contactID = "contact-42" }
        case ("ContactEnrolled", 1):
            return with(Callstack_V1_ContactEnrolled()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.lane = "priority"
            }
        case ("CallDialled", 1):
            return with(Callstack_V1_CallDialled()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"
                $0.callerMemberID = "member-2"
            }
        case ("OutcomeSaved", 1):
            return with(Callstack_V1_OutcomeSaved()) {
                $0.occurred = occurred; $0.contactID = "contact-42"; $0.campaignID = "campaign-3"; $0.callID = "call-9"
                $0.outcomeID = "meeting-booked"; $0.talkSeconds = 184
            }
        case ("ImportPreviewed", 1):
            return with(Callstack_V1_ImportPreviewed()) {
                $0.occurred = occurred; $0.importID = "import-5"; $0.fileName = "leads.csv"; $0.rows = 1_200
            }
        case ("ImportRowsAccepted", 1):
            return with(Callstack_V1_ImportRowsAccepted()) {
                $0.occurred = occurred; $0.importID = "import-5"; $0.firstRow = 500; $0.count = 500
            }
        default:
            return nil
        }
    }

    static let occurred = with(Callstack_V1_Occurrence()) {
        $0.atMicros = 1_764_424_980_000_000
        $0.actorMemberID = "member-1"
    }

    /// Stand-in sealed bytes: fixtures pin the wire format, not the cipher.
    static func sealed(_ seed: UInt8) -> Data { Data((0..<28).map { seed &+ UInt8($0) }) }

    static func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
        var value = value
        change(&value)
        return value
    }
}
