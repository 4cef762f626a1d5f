public import CallStackEvents
public import EventSourcing
public import SwiftProtobuf

/// The settings events of the `workspace` stream.
public enum SettingsEvent: Sendable, Equatable {
    /// The whole settings after a change.
    case changed(Callstack_V1_WorkspaceSettings)
    /// A version 1 change (time format, time zone, default call status), applied onto the settings
    /// in force; never written now.
    case changedV1(Callstack_V1_WorkspaceSettingsChanged)
    case billingPlanChanged(plan: Callstack_V1_BillingPlan, seats: Int32)
    case scriptPublished(Callstack_V1_ScriptPublished)
    case playbookTemplatePublished(Callstack_V1_PlaybookTemplatePublished)
    /// A column mapping remembered for files with the same headers.
    case importMappingSaved(Callstack_V1_ImportMappingSaved)
    /// Anything else on the stream.
    case other

    /// The domain view of an event read from the log.
    public init(_ event: DecodedEvent) {
        switch event.message {
        case let changed as Callstack_V1_WorkspaceSettingsChanged:
            self = changed.hasSettings ? .changed(changed.settings) : .changedV1(changed)
        case let billing as Callstack_V1_BillingPlanChanged:
            self = .billingPlanChanged(plan: billing.plan, seats: billing.seats)
        case var script as Callstack_V1_ScriptPublished:
            script.occurred = Callstack_V1_Occurrence()
            self = .scriptPublished(script)
        case var template as Callstack_V1_PlaybookTemplatePublished:
            template.occurred = Callstack_V1_Occurrence()
            self = .playbookTemplatePublished(template)
        case var saved as Callstack_V1_ImportMappingSaved:
            saved.occurred = Callstack_V1_Occurrence()
            self = .importMappingSaved(saved)
        default:
            self = .other
        }
    }

    /// The message to record, with its type name; nil for ``other`` and ``changedV1(_:)``.
    public func recorded(occurred: Callstack_V1_Occurrence) -> (type: String, message: any SwiftProtobuf.Message)? {
        switch self {
        case .changed(let settings):
            var changed = Callstack_V1_WorkspaceSettingsChanged()
            changed.occurred = occurred
            changed.settings = settings
            return ("WorkspaceSettingsChanged", changed)
        case .billingPlanChanged(let plan, let seats):
            var changed = Callstack_V1_BillingPlanChanged()
            changed.occurred = occurred
            changed.plan = plan
            changed.seats = seats
            return ("BillingPlanChanged", changed)
        case .scriptPublished(var script):
            script.occurred = occurred
            return ("ScriptPublished", script)
        case .playbookTemplatePublished(var template):
            template.occurred = occurred
            return ("PlaybookTemplatePublished", template)
        case .importMappingSaved(var saved):
            saved.occurred = occurred
            return ("ImportMappingSaved", saved)
        case .changedV1, .other:
            return nil
        }
    }
}
