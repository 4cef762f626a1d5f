/// The CallStack event types and their versions: the registry the engine reads the log with.
extension EventRegistry {
    /// Every CallStack event, current versions and the older ones still readable. The catalog is
    /// fixed, and `CallStackEventsTests` checks that it builds; were it invalid, this would be an
    /// empty registry that reads nothing.
    public static let callstack: EventRegistry = (try? EventRegistry(catalog)) ?? EventRegistry(empty: ())

    /// The catalog; `EventRegistry(catalog)` validates it.
    public static let catalog: [EventSchema] = [
        // common.proto
        EventSchema("CommandAcknowledged", Callstack_V1_CommandAcknowledged.self),
        // workspace.proto
        EventSchema("WorkspaceCreated", Callstack_V1_WorkspaceCreated.self),
        EventSchema("MemberInvited", Callstack_V1_MemberInvited.self),
        EventSchema("MemberRoleChanged", Callstack_V1_MemberRoleChanged.self),
        EventSchema("MemberRemoved", Callstack_V1_MemberRemoved.self),
        EventSchema("MemberDeactivated", Callstack_V1_MemberDeactivated.self),
        EventSchema("MemberReactivated", Callstack_V1_MemberReactivated.self),
        EventSchema("MemberLabourRateSet", Callstack_V1_MemberLabourRateSet.self),
        EventSchema("ClientAdded", Callstack_V1_ClientAdded.self),
        EventSchema("ClientRenamed", Callstack_V1_ClientRenamed.self),
        EventSchema("ClientArchived", Callstack_V1_ClientArchived.self),
        // settings.proto
        EventSchema("WorkspaceSettingsChanged", Callstack_V1_WorkspaceSettingsChanged.self),
        EventSchema("BillingPlanChanged", Callstack_V1_BillingPlanChanged.self),
        EventSchema("ScriptPublished", Callstack_V1_ScriptPublished.self),
        EventSchema("PlaybookTemplatePublished", Callstack_V1_PlaybookTemplatePublished.self),
        // suppression.proto
        EventSchema("SuppressionEntryAdded", Callstack_V1_SuppressionEntryAdded.self),
        EventSchema("SuppressionEntryRemoved", Callstack_V1_SuppressionEntryRemoved.self),
        // campaign.proto
        EventSchema("CampaignCreated", Callstack_V1_CampaignCreated.self),
        EventSchema("CampaignStatusChanged", Callstack_V1_CampaignStatusChanged.self),
        EventSchema("CampaignBriefChanged", Callstack_V1_CampaignBriefChanged.self),
        EventSchema("OutcomeDefined", version: 1, Callstack_V1_OutcomeDefinedV1.self, upcast: OutcomeUpcast.v1ToV2),
        EventSchema("OutcomeDefined", version: 2, Callstack_V1_OutcomeDefined.self),
        // contact.proto
        EventSchema("ContactCreated", Callstack_V1_ContactCreated.self),
        EventSchema("ContactForgotten", Callstack_V1_ContactForgotten.self),
        EventSchema("ContactEnrolled", Callstack_V1_ContactEnrolled.self),
        EventSchema("ContactUnenrolled", Callstack_V1_ContactUnenrolled.self),
        EventSchema("ContactArchived", Callstack_V1_ContactArchived.self),
        EventSchema("ContactUnarchived", Callstack_V1_ContactUnarchived.self),
        EventSchema("ContactEdited", Callstack_V1_ContactEdited.self),
        EventSchema("ContactNoteAdded", Callstack_V1_ContactNoteAdded.self),
        EventSchema("CallDialled", Callstack_V1_CallDialled.self),
        EventSchema("OutcomeSaved", Callstack_V1_OutcomeSaved.self),
        // call.proto
        EventSchema("CallReserved", Callstack_V1_CallReserved.self),
        EventSchema("ReservationReleased", Callstack_V1_ReservationReleased.self),
        EventSchema("DialStarted", Callstack_V1_DialStarted.self),
        EventSchema("CallConnected", Callstack_V1_CallConnected.self),
        EventSchema("CallEnded", Callstack_V1_CallEnded.self),
        EventSchema("MeetingBooked", Callstack_V1_MeetingBooked.self),
        EventSchema("MeetingResponded", Callstack_V1_MeetingResponded.self),
        EventSchema("OpportunityOpened", Callstack_V1_OpportunityOpened.self),
        EventSchema("RevenueAttributed", Callstack_V1_RevenueAttributed.self),
        EventSchema("CallbackScheduled", Callstack_V1_CallbackScheduled.self),
        EventSchema("FollowUpCreated", Callstack_V1_FollowUpCreated.self),
        EventSchema("CallbackDue", Callstack_V1_CallbackDue.self),
        EventSchema("HotLeadEscalated", Callstack_V1_HotLeadEscalated.self),
        EventSchema("EnrolmentReassigned", Callstack_V1_EnrolmentReassigned.self),
        EventSchema("ShiftStarted", Callstack_V1_ShiftStarted.self),
        EventSchema("ShiftEnded", Callstack_V1_ShiftEnded.self),
        // import.proto
        EventSchema("ImportPreviewed", Callstack_V1_ImportPreviewed.self),
        EventSchema("ImportRowsAccepted", Callstack_V1_ImportRowsAccepted.self),
        EventSchema("ImportStarted", Callstack_V1_ImportStarted.self),
        EventSchema("ImportRowsRecorded", Callstack_V1_ImportRowsRecorded.self),
        EventSchema("ImportCommitted", Callstack_V1_ImportCommitted.self),
        EventSchema("ImportUndone", Callstack_V1_ImportUndone.self),
        EventSchema("ImportMappingSaved", Callstack_V1_ImportMappingSaved.self),
    ]
}
