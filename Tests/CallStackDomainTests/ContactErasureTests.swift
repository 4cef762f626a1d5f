import CallStackDomain
import CallStackEvents
import EventSourcing
import Testing

@Suite("Forgetting a contact, decided")
struct ContactErasureTests {
    let decider = ContactErasure()

    private func forget(_ id: String, by role: Role?) -> ContactErasure.Command {
        var command = Callstack_V1_ForgetContact()
        command.contactID = id
        return ContactErasure.Command(command, by: CommandActor(memberID: "m-1", role: role, atMicros: 42))
    }

    private var created: ContactEvent {
        var created = Callstack_V1_ContactCreated()
        created.contactID = "c-1"
        return .created(created)
    }

    @Test("a Team Admin forgets an existing contact; the event holds who and when, and nothing personal")
    func accepted() throws {
        let events = try decider.decide(forget("c-1", by: .teamAdmin), after: [created]).get()
        guard case .forgotten(let forgotten) = events.first, events.count == 1 else {
            Issue.record("expected one ContactForgotten, got \(events)")
            return
        }
        #expect(forgotten.contactID == "c-1" && forgotten.occurred.actorMemberID == "m-1" && forgotten.occurred.atMicros == 42)
        #expect(try decider.decide(forget("c-1", by: .teamAdmin), after: [created] + events).get().isEmpty,
            "forgetting twice records nothing more")
    }

    @Test("other roles, strangers, unknown contacts and empty ids are refused")
    func refused() {
        for role in [Role.caller, .campaignManager, .viewer] {
            #expect(decider.decide(forget("c-1", by: role), after: [created])
                == .failure(.notAuthorized(actor: "m-1", action: "forget a contact", requires: "Team Admin")))
        }
        #expect(throws: DomainRejection.self) { try decider.decide(forget("c-1", by: nil), after: [created]).get() }
        #expect(decider.decide(forget("c-2", by: .teamAdmin), after: []) == .failure(.notFound("contact c-2")))
        #expect(throws: DomainRejection.self) { try decider.decide(forget("", by: .teamAdmin), after: [created]).get() }
    }
}
