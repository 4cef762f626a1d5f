import CallStackDomain
import CallStackEvents
import Foundation
import Testing

@Suite("Domain values")
struct ValueTests {
    @Test("E.164 numbers are normalised, and anything else is a typed error")
    func phones() throws {
        #expect(try E164Phone("+44 7700 900123").digits == "+447700900123")
        #expect(try E164Phone("+1 (415) 555-0100").digits == "+14155550100")
        #expect(try E164Phone("+683 7012").digits == "+6837012", "Niue: seven digits in all")
        for bad in ["07700 900123", "+0447700900123", "+44", "+4477009001234567", "+44 7700 9OO123", "", "+٤٤٧٧٠٠٩٠٠١٢٣"] {
            #expect(throws: ValueError.self, "\(bad)") { try E164Phone(bad) }
        }
    }

    @Test("money keeps minor units and a currency, maps to the wire and back, and never traps")
    func money() throws {
        let price = try Money(minorUnits: 1_234, currency: "GBP")
        #expect(price.description == "GBP 12.34")
        #expect(try Money(minorUnits: -5, currency: "EUR").description == "EUR -0.05")
        #expect(try Money(price.message) == price)
        #expect(try price.adding(Money(minorUnits: 66, currency: "GBP")).minorUnits == 1_300)
        #expect(throws: ValueError.self) { try price.adding(Money(minorUnits: 1, currency: "EUR")) }
        #expect(throws: ValueError.self) { try Money(minorUnits: .max, currency: "GBP").adding(price) }
        for bad in ["gbp", "GB", "GBPX", "G1P"] {
            #expect(throws: ValueError.self, "\(bad)") { try Money(minorUnits: 1, currency: bad) }
        }
    }

    @Test("business time comes from the command, to the microsecond")
    func time() throws {
        let time = try BusinessTime(Date(timeIntervalSince1970: 1_800_000_000.000_001))
        #expect(time.micros == 1_800_000_000_000_001)
        var occurrence = Callstack_V1_Occurrence()
        occurrence.atMicros = time.micros
        #expect(BusinessTime(occurrence) == time)
        #expect(throws: ValueError.self) { try BusinessTime(Date(timeIntervalSince1970: .infinity)) }
    }
}
