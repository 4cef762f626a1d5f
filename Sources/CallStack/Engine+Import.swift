public import CallStackDomain
import CallStackEvents
public import ContactImport
import EventSourcing
import PersonalData

extension Engine {
    /// Previews importing the CSV file at `path` into campaign `campaignID`, as `member` asks it at
    /// `time` (`importContacts`: Team Admins and Campaign Managers): every row checked against the
    /// workspace's import defaults and custom fields and the campaign's source controls, duplicates
    /// found in the file and among the workspace's contacts (through the keyed-hash index),
    /// suppression checked against the global list and the campaign client's. Writes nothing.
    ///
    /// - Parameter mapping: the field of each column; nil takes the suggestion.
    /// - Throws: ``DomainRejection`` when the member may not import or the campaign does not
    ///   exist; ``CSVError`` for a file that cannot be read.
    public func previewImport(
        file path: String, campaign campaignID: String, as member: String, at time: BusinessTime, mapping: [ContactField]? = nil,
        options: CSVOptions = CSVOptions(), sampleRows: Int = 20, progress: ((Int) -> Void)? = nil,
        rejected: ((CSVRecord, [RowProblem]) throws -> Void)? = nil
    ) throws -> ImportPreview {
        let (previewer, _, _) = try importPreviewer(campaign: campaignID, as: member, at: time)
        return try previewer.preview(
            try CSVReader(path: path, options: options), mapping: mapping, sampleRows: sampleRows, progress: progress, rejected: rejected)
    }

    /// The previewer of an import into `campaignID` by `member` at `time`, with the campaign and
    /// the settings it was built from; workspace duplicates leave out the contacts of import
    /// `ownImport` (a resumed import's own).
    func importPreviewer(
        campaign campaignID: String, as member: String, at time: BusinessTime, ownImport: String? = nil
    ) throws -> (ImportPreviewer, CampaignState, Callstack_V1_WorkspaceSettings) {
        let (workspace, state, global) = try reader.everything()
        try reader.queries(as: member).allow(.importContacts, in: workspace)
        guard let campaign = try reader.campaign(campaignID) else { throw DomainRejection.notFound("campaign \(campaignID)") }
        let settings = state.settings
        let remembered = state.importMappings.compactMapValues { names -> [ContactField]? in
            let fields = names.compactMap(ContactField.init)
            return fields.count == names.count ? fields : nil
        }
        let suppression = SuppressionIndex(global.ordered + (try reader.suppressionList(client: campaign.clientID)).ordered)
        let keys = self.keys
        let own = ownImport.map { $0 + "." }
        let previewer = ImportPreviewer(
            rules: ImportRules(settings: settings, brief: campaign.brief),
            customFields: settings.customFields.map { (key: $0.key, label: $0.label) }, remembered: remembered,
            existingContacts: { kind, value in
                try keys.subjects(with: kind == "phone" ? .phone : .email, value)
                    .filter { $0.kind == .contact && !(own.map($0.id.hasPrefix) ?? false) }.map(\.id)
            },
            suppression: { phone, email in
                suppression.match(phone: phone, email: email, at: time).map { "\($0.id) (\($0.reason))" }
            })
        return (previewer, campaign, settings)
    }
}
