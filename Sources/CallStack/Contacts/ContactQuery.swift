/// What ``Engine/searchContacts(_:asking:)`` looks for: every criterion given must hold. Results
/// come in contact id order, a page at a time.
///
/// ```swift
/// var query = ContactQuery()
/// query.name = "smith"
/// query.campaign = "spring-renewals"
/// let page = try engine.searchContacts(query, asking: "bo")
/// // next page: query.after = page.next
/// ```
public struct ContactQuery: Sendable, Equatable {
    /// Part of the name, ignoring case and accents ("muller" finds "Müller").
    public var name: String?
    /// A phone number, read as an import reads it (the workspace's default region for a number
    /// without a country code); matched exactly through the keyed-hash index.
    public var phone: String?
    /// An email address, matched exactly (ignoring case) through the keyed-hash index.
    public var email: String?
    /// Part of the company, ignoring case and accents.
    public var company: String?
    /// A source option's id, exactly (ignoring case).
    public var source: String?
    /// A call status: of the enrolment in ``campaign`` when one is given, else of any enrolment.
    public var status: String?
    /// Enrolled in this campaign now.
    public var campaign: String?
    /// Archived contacts too (they are left out otherwise). A phone or email search still finds
    /// only active ones: archiving drops a contact's keyed hashes.
    public var includeArchived = false
    /// The last contact id of the previous page: this page starts after it.
    public var after: String?
    /// Contacts per page, 1 to ``maxLimit``.
    public var limit = 50

    public static let maxLimit = 1_000

    public init() {}
}
