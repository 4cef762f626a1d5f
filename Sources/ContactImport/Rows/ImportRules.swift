public import CallStackEvents

/// What an import checks each row against, from the workspace's settings and the campaign's
/// brief: the default phone region, the required fields, the custom fields' types, and the
/// sources the workspace knows and the campaign allows.
public struct ImportRules: Sendable {
    public struct CustomField: Sendable, Equatable {
        public let key: String
        public let type: Callstack_V1_CustomFieldType
        public let required: Bool
        public let personal: Bool
        /// For a choice field: normalized choice → the choice as defined.
        public let choices: [String: String]
    }

    public var defaultRegion: String?
    /// `name`, `phone`, `email`, `company`, `title`, `source`, or a custom field's key.
    public var requiredFields: Set<String>
    public var customFields: [CustomField]
    /// Normalized source id or label → the source's id; empty when the workspace defines none
    /// (any source is then kept as written).
    public var sources: [String: String]
    /// Source ids the campaign blocks.
    public var blockedSources: Set<String>
    public var defaultCallStatus: String

    /// The keys of the custom fields defined as personal: their values are sealed.
    public var personalFieldKeys: Set<String> { Set(customFields.filter(\.personal).map(\.key)) }

    public init(settings: Callstack_V1_WorkspaceSettings, brief: Callstack_V1_CampaignBrief?) {
        let defaults = settings.importDefaults
        defaultRegion = defaults.defaultPhoneRegion.isEmpty ? nil : defaults.defaultPhoneRegion
        requiredFields = Set(defaults.requiredFields).union(settings.customFields.filter(\.required).map(\.key))
        customFields = settings.customFields.map { field in
            CustomField(
                key: field.key, type: field.type, required: field.required, personal: field.personal,
                choices: Dictionary(field.choices.map { (ColumnHeader.normalized($0), $0) }, uniquingKeysWith: { first, _ in first }))
        }
        var sources: [String: String] = [:]
        for option in settings.sourceOptions where !option.archived {
            sources[ColumnHeader.normalized(option.sourceID)] = option.sourceID
            sources[ColumnHeader.normalized(option.label)] = option.sourceID
        }
        self.sources = sources
        blockedSources = Set((brief?.audience.sourceControls ?? []).filter(\.blocked).map(\.sourceID))
        defaultCallStatus = defaults.defaultCallStatus.isEmpty ? "new" : defaults.defaultCallStatus
    }
}
