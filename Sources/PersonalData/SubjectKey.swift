import Crypto
import EventLog

/// One data subject's key: 32 bytes for AES-256-GCM and 32 for deriving nonces.
///
/// Sealing is deterministic and misuse-resistant, in the manner of SIV: the nonce is the first 12
/// bytes of HMAC-SHA256(nonce key, event id ‖ field ‖ index ‖ plaintext). The same value sealed for
/// the same event and field always gives the same bytes (an import resumed, a seeded run
/// repeated), and two different plaintexts never share a nonce, even if a caller seals twice for
/// one event and field. The associated data binds the box to its subject, field and element.
struct SubjectKey: Sendable {
    static let size = 64
    let material: [UInt8]
    private let sealingKey: SymmetricKey
    /// HMAC under the nonce key, its key schedule done once: each nonce copies it.
    private let nonceMAC: HMAC<SHA256>

    init(material: [UInt8]) throws(PersonalDataError) {
        guard material.count == Self.size else {
            throw .keyStore("a subject key has \(Self.size) bytes, not \(material.count)")
        }
        self.material = material
        sealingKey = SymmetricKey(data: material[0..<32])
        nonceMAC = HMAC<SHA256>(key: SymmetricKey(data: material[32..<64]))
    }

    func seal(_ plaintext: [UInt8], subject: DataSubject, field: PersonalField, eventID: EventID) throws(PersonalDataError) -> [UInt8] {
        var input: [UInt8] = []
        withUnsafeBytes(of: eventID.high.bigEndian) { input.append(contentsOf: $0) }
        withUnsafeBytes(of: eventID.low.bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: field.name.utf8)
        input.append(0)
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: field.index).bigEndian) { input.append(contentsOf: $0) }
        input.append(contentsOf: plaintext)
        var mac = nonceMAC
        mac.update(data: input)
        let derived = Array(mac.finalize().prefix(12))
        do {
            let box = try AES.GCM.seal(
                plaintext, using: sealingKey, nonce: AES.GCM.Nonce(data: derived),
                authenticating: Self.associatedData(subject, field))
            guard let combined = box.combined else { throw PersonalDataError.keyStore("AES-GCM gave no combined box") }
            return Array(combined)
        } catch {
            throw .keyStore("sealing failed: \(error)")
        }
    }

    func open(_ box: [UInt8], subject: DataSubject, field: PersonalField) throws(PersonalDataError) -> [UInt8] {
        do {
            let sealed = try AES.GCM.SealedBox(combined: box)
            return Array(try AES.GCM.open(sealed, using: sealingKey, authenticating: Self.associatedData(subject, field)))
        } catch {
            throw .tampered("\(field) of \(subject)")
        }
    }

    private static func associatedData(_ subject: DataSubject, _ field: PersonalField) -> [UInt8] {
        var data = subject.bytes + [0] + Array(field.name.utf8) + [0]
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: field.index).bigEndian) { data.append(contentsOf: $0) }
        return data
    }
}
