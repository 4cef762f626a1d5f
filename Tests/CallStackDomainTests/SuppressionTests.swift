import CallStackDomain
import CallStackEvents
import EventSourcing
import Testing

@Suite("Suppression")
struct SuppressionTests {
    let decider = SuppressionDecider()
    let now = BusinessTime(micros: 1_800_000_000_000_000)

    private func add(_ id: String, _ kind: Callstack_V1_SuppressionKind, _ value: String, client: String = "", expires: Int64 = 0)
        -> Callstack_V1_AddSuppressionEntry
    {
        var add = Callstack_V1_AddSuppressionEntry()
        add.clientID = client
        add.entryID = id
        add.kind = kind
        add.value = value
        add.reason = "asked not to be called"
        add.source = "caller"
        add.expiresAtMicros = expires
        return add
    }

    private func decide(
        _ request: SuppressionDecider.Request, role: Role?, clientIsOpen: Bool = true, after history: [SuppressionEvent] = []
    ) -> Result<[SuppressionEvent], DomainRejection> {
        decider.decide(
            SuppressionDecider.Command(request, by: CommandActor(memberID: "m", role: role, atMicros: now.micros), clientIsOpen: clientIsOpen),
            after: history)
    }

    private func list(_ adds: [Callstack_V1_AddSuppressionEntry]) throws -> SuppressionList {
        var events: [SuppressionEvent] = []
        for entry in adds { events += try decide(.add(entry), role: .teamAdmin, after: events).get() }
        return decider.fold(events)
    }

    @Test("phones, prefixes, emails and domains match; expired entries do not")
    func matching() throws {
        let entries = try list([
            add("p", .phone, "+44 20 7946 0000"), add("x", .phonePrefix, "+4420794"), add("e", .email, "Ann@Example.org"),
            add("d", .emailDomain, "Competitor.com"), add("t", .phone, "+447700900001", expires: now.micros + 1_000_000),
        ])
        func hit(_ phone: String?, _ email: String?, at time: BusinessTime? = nil) throws -> String? {
            try entries.match(phone: phone.map { try E164Phone($0) }, email: email, at: time ?? now)?.id
        }
        #expect(try hit("+442079460000", nil) == "p")
        #expect(try hit("+442079461234", nil) == "x", "the area-code prefix")
        #expect(try hit("+442079560000", nil) == nil)
        #expect(try hit(nil, "ann@example.ORG") == "e")
        #expect(try hit(nil, "bob@competitor.com") == "d")
        #expect(try hit(nil, "bob@sales.competitor.com") == "d", "subdomains too")
        #expect(try hit(nil, "bob@notcompetitor.com") == nil)
        #expect(try hit("+447700900001", nil) == "t")
        #expect(try hit("+447700900001", nil, at: BusinessTime(micros: now.micros + 1_000_000)) == nil, "expired")
    }

    @Test("the index answers every look-up as a walk of the lists in order does")
    func index() throws {
        let entries = try list([
            add("a", .phone, "+44 20 7946 0000"), add("b", .phonePrefix, "+4420794"), add("c", .phonePrefix, "+44"), add("d", .email, "Ann@Example.org"),
            add("e", .emailDomain, "Competitor.com"), add("f", .emailDomain, "sales.competitor.com"),
            add("g", .phone, "+447700900001", expires: now.micros + 1_000_000),
        ]).ordered
        let index = SuppressionIndex(entries)
        let phones: [String?] = [nil, "+442079460000", "+442079461234", "+447700900001", "+12025550100", "+4420"]
        let emails: [String?] = [nil, "ann@example.org", "ANN@EXAMPLE.ORG", "bob@competitor.com", "x@sales.competitor.com", "x@notcompetitor.com", "a@b@competitor.com"]
        for phone in phones {
            for email in emails {
                for time in [now, BusinessTime(micros: now.micros + 1_000_000)] {
                    let walked = SuppressionList.match(entries, phone: phone.flatMap { try? E164Phone($0) }, email: email, at: time)?.id
                    #expect(index.match(phone: phone, email: email, at: time)?.id == walked, "\(phone ?? "-") \(email ?? "-")")
                }
            }
        }
        #expect(index.match(phone: "+442079461234", email: nil, at: now)?.id == "b", "the first in order, not the shortest prefix")
        #expect(SuppressionIndex([]).match(phone: "+442079460000", email: "a@b.com", at: now) == nil)
    }

    @Test("the global list first, then the client's")
    func globalThenClient() throws {
        let global = try list([add("g", .emailDomain, "example.org")])
        let client = try list([add("c", .email, "ann@example.org", client: "acme"), add("c2", .phone, "+447700900002", client: "acme")])
        #expect(SuppressionList.match(global: global, client: client, phone: nil, email: "ann@example.org", at: now)?.id == "g")
        #expect(SuppressionList.match(global: global, client: client, phone: try E164Phone("+447700900002"), email: nil, at: now)?.id == "c2")
        #expect(SuppressionList.match(global: global, client: nil, phone: try E164Phone("+447700900002"), email: nil, at: now) == nil)
    }

    @Test("who may add where: global takes a Team Admin, a client's list a Campaign Manager too")
    func permissions() {
        #expect(throws: DomainRejection.self) { try decide(.add(add("g", .phone, "+447700900003")), role: .campaignManager).get() }
        #expect((try? decide(.add(add("c", .phone, "+447700900003", client: "acme")), role: .campaignManager).get())?.count == 1)
        for role in [Role.caller, .viewer] {
            #expect(throws: DomainRejection.self) { try decide(.add(add("c", .phone, "+447700900003", client: "acme")), role: role).get() }
        }
        #expect(throws: DomainRejection.notFound("an open client acme")) {
            try decide(.add(add("c", .phone, "+447700900003", client: "acme")), role: .teamAdmin, clientIsOpen: false).get()
        }
    }

    @Test("bad entries are refused, naming every problem; removing needs an existing entry")
    func rejections() throws {
        var bad = add("", .email, "not-an-address", expires: now.micros - 1)
        bad.reason = ""
        #expect(throws: DomainRejection.several([
            .invalidCommand("entry_id is required"), .invalidCommand("reason is required"),
            .invalidCommand("expires_at_micros is not after the command's time"),
            .invalidCommand(#"email "not-an-address" is not an address"#),
        ])) { try decide(.add(bad), role: .teamAdmin).get() }
        for (kind, value) in [(Callstack_V1_SuppressionKind.phone, "0207 946 0000"), (.phonePrefix, "44"), (.emailDomain, "@x.com"), (.unspecified, "x")] {
            #expect(throws: DomainRejection.self, "\(kind) \(value)") { try decide(.add(add("i", kind, value)), role: .teamAdmin).get() }
        }
        let existing = try decide(.add(add("p", .phone, "+447700900004")), role: .teamAdmin).get()
        #expect(throws: DomainRejection.invalidCommand("suppression entry p exists already")) {
            try decide(.add(add("p", .phone, "+447700900005")), role: .teamAdmin, after: existing).get()
        }
        var remove = Callstack_V1_RemoveSuppressionEntry()
        remove.entryID = "p"
        #expect(try decide(.remove(remove), role: .teamAdmin, after: existing).get() == [.removed(entryID: "p")])
        #expect(throws: DomainRejection.notFound("suppression entry p")) { try decide(.remove(remove), role: .teamAdmin).get() }
    }

    @Test("entries recorded before ids and kinds existed read as phone entries")
    func legacy() {
        var old = Callstack_V1_SuppressionEntryAdded()
        old.phoneE164 = "+442079460000"
        old.reason = "legacy"
        let event = SuppressionEvent(
            DecodedEvent(position: 1, stream: "workspace", streamVersion: 1, type: "SuppressionEntryAdded", recordedAtMicros: 0, actor: "", message: old),
            list: "")
        guard case .added(let entry) = event else {
            Issue.record("not read as an entry: \(event)")
            return
        }
        #expect(entry.id == "phone:+442079460000" && entry.kind == .phone && entry.value == "+442079460000")
        var other = old
        other.clientID = "acme"
        #expect(SuppressionEvent(
            DecodedEvent(position: 1, stream: "workspace", streamVersion: 1, type: "", recordedAtMicros: 0, actor: "", message: other), list: "") == .other,
            "another list's entry is not this list's")
    }
}
