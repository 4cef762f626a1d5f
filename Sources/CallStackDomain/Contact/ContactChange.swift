public import CallStackEvents
public import ContactImport

/// What ``ContactUpkeep`` decides, in plaintext: the engine seals an edit's and a note's personal
/// values under the contact's key when it records them.
public enum ContactChange: Sendable, Equatable {
    /// The contact after the edit, and the groups that changed (the only ones recorded).
    case edited(contactID: String, draft: ContactDraft, changed: [ContactGroup])
    case archived(Callstack_V1_ContactArchived)
    case unarchived(Callstack_V1_ContactUnarchived)
    case noteAdded(contactID: String, text: String, campaignID: String)
}
