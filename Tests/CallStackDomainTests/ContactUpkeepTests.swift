import CallStackDomain
import CallStackEvents
import ContactImport
import EventSourcing
import SwiftProtobuf
import Testing

@Suite("Contact upkeep decisions")
struct ContactUpkeepDecisionTests {
    let upkeep = ContactUpkeep()
    let rules = ImportRules(settings: .with { $0.importDefaults.requiredFields = ["name"] }, brief: nil)
    let admin = CommandActor(memberID: "ada", role: .teamAdmin, atMicros: 7)
    let caller = CommandActor(memberID: "cal", role: .caller, atMicros: 7)

    var state: ContactState {
        ContactState.fold([
            .created(.with { $0.contactID = "k"; $0.company = "Acme" }),
            .enrolled(.with { $0.contactID = "k"; $0.campaignID = "spring"; $0.callStatus = "new" }),
        ])
    }

    func decide(_ request: ContactUpkeep.Request, by actor: CommandActor? = nil, assigned: Set<String> = [], _ state: ContactState? = nil) -> Result<[ContactChange], DomainRejection> {
        var current = ContactDraft()
        current.name = "Kim"
        current.company = "Acme"
        return upkeep.decide(ContactUpkeep.Command(request, by: actor ?? admin, rules: rules, current: current, assignedCampaigns: assigned), state ?? self.state)
    }

    @Test("the state folds edits, archiving, enrolments and notes")
    func fold() {
        var state = self.state
        state.apply(.edited(.with { $0.contactID = "k"; $0.changed = ["company"]; $0.company = "Initech" }))
        state.apply(.archived(.with { $0.contactID = "k" }))
        state.apply(.noteAdded(.with { $0.contactID = "k" }))
        state.apply(.unenrolled(.with { $0.contactID = "k"; $0.campaignID = "spring" }))
        #expect(state.card.company == "Initech" && state.archived && state.notes.count == 1 && state.campaigns.isEmpty)
        state.apply(.unarchived(.with { $0.contactID = "k" }))
        #expect(!state.archived)
    }

    @Test("an edit is decided on the opened contact; nothing changed records nothing; an archived or forgotten contact takes none")
    func edit() throws {
        let edit = ContactUpkeep.Request.edit(.with { $0.contactID = "k"; $0.values = [.with { $0.field = "company"; $0.value = "Initech" }] })
        guard case .edited(let id, let draft, let changed) = try decide(edit).get().first else {
            Issue.record("the edit decides an edit")
            return
        }
        #expect(id == "k" && draft.company == "Initech" && draft.name == "Kim" && changed == [.company])
        #expect(try decide(.edit(.with { $0.contactID = "k"; $0.values = [.with { $0.field = "company"; $0.value = "Acme" }] })).get().isEmpty)
        var archived = state
        archived.archived = true
        #expect(throws: DomainRejection.self) { try decide(edit, archived).get() }
        var forgotten = state
        forgotten.forgotten = true
        #expect(throws: DomainRejection.invalidCommand("contact k was forgotten: its personal data is erased")) { try decide(edit, forgotten).get() }
        #expect(throws: DomainRejection.self, "the name is required") {
            try decide(.edit(.with { $0.contactID = "k"; $0.values = [.with { $0.field = "name"; $0.value = "" }] })).get()
        }
    }

    @Test("archiving twice and unarchiving an active contact record nothing")
    func archive() throws {
        let archived = try decide(.archive(.with { $0.contactID = "k"; $0.reason = "moved" })).get()
        #expect(archived == [.archived(.with { $0.occurred = admin.occurrence; $0.contactID = "k"; $0.reason = "moved" })])
        #expect(try decide(.unarchive(.with { $0.contactID = "k" })).get().isEmpty)
        var state = self.state
        state.archived = true
        #expect(try decide(.archive(.with { $0.contactID = "k" }), state).get().isEmpty)
        #expect(throws: DomainRejection.self, "a Caller may not archive") { try decide(.archive(.with { $0.contactID = "k" }), by: caller).get() }
    }

    @Test("a Caller's note needs a campaign of the contact that assigns them")
    func note() throws {
        let note = ContactUpkeep.Request.addNote(.with { $0.contactID = "k"; $0.text = " Call after 3pm \n" })
        #expect(throws: DomainRejection.self) { try decide(note, by: caller).get() }
        #expect(try decide(note, by: caller, assigned: ["spring"]).get() == [.noteAdded(contactID: "k", text: "Call after 3pm", campaignID: "")])
        let long = ContactUpkeep.Request.addNote(.with { $0.contactID = "k"; $0.text = String(repeating: "x", count: 10_001) })
        #expect(throws: DomainRejection.self) { try decide(long).get() }
    }
}
