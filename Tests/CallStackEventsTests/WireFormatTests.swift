import CallStackEvents
import Foundation
import SwiftProtobuf
import Testing

@Suite("Wire format")
struct WireFormatTests {
    static var contact: Callstack_V1_ContactCreated {
        var phone = Callstack_V1_ContactPhone()
        phone.numberE164.box = Data([1, 2, 3])
        phone.region = "GB"
        phone.timeZone = "Europe/London"
        phone.type = .mobile
        phone.valid = true
        var event = Callstack_V1_ContactCreated()
        event.occurred.atMicros = 1_764_424_980_000_000
        event.occurred.actorMemberID = "member-1"
        event.contactID = "contact-42"
        event.name.box = Data([9, 9])
        event.phones = [phone]
        event.company = "Acme"
        return event
    }

    @Test("binary encoding round-trips and is deterministic")
    func binaryRoundTrip() throws {
        let event = Self.contact
        let bytes = try event.serializedBytes() as [UInt8]
        let again = try event.serializedBytes() as [UInt8]
        #expect(bytes == again)
        #expect(try Callstack_V1_ContactCreated(serializedBytes: bytes) == event)
    }

    @Test("the JSON mapping names fields for people, and plaintext attributes stay readable")
    func jsonMapping() throws {
        let json = try Self.contact.jsonString()
        #expect(json.contains(#""contactId":"contact-42""#))
        #expect(json.contains(#""region":"GB""#) && json.contains(#""type":"PHONE_TYPE_MOBILE""#))
        #expect(try Callstack_V1_ContactCreated(jsonString: json) == Self.contact)
    }

    @Test("bad bytes are a thrown error, not a trap")
    func badBytes() {
        #expect(throws: (any Error).self) { try Callstack_V1_ContactCreated(serializedBytes: [0xFF, 0xFF, 0xFF]) }
    }
}
