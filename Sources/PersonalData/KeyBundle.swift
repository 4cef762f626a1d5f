import Crypto
import CryptoExtras
import EventLog
import Foundation

/// Every entry of a key store, encrypted under a passphrase: what `callstack export --keys`
/// writes beside an export, and `callstack restore --keys` loads.
///
/// Layout: the magic `CSKEYS1\n`, a 16-byte random salt, then an AES-256-GCM box (nonce,
/// ciphertext, tag) under a key derived from the passphrase with scrypt (N = 2^15, r = 8, p = 1).
/// The plaintext lists each table's entries as length-prefixed key and value bytes. The
/// associated data is the magic and the salt, so neither can be swapped.
public enum KeyBundle {
    static let magic = Array("CSKEYS1\n".utf8)

    /// The bundle of everything `keys` holds.
    public static func export(_ keys: SubjectKeyStore, passphrase: String) throws(PersonalDataError) -> [UInt8] {
        try checkPassphrase(passphrase)
        var plain: [UInt8] = []
        try SubjectKeyStore.keyStore {
            try keys.store.read { reader in
                for table in SubjectKeyStore.Table.all {
                    try reader.forEach(in: table) { key, value in
                        append(Array(table.utf8), to: &plain)
                        append(key, to: &plain)
                        append(value, to: &plain)
                        return true
                    }
                }
            }
        }
        let salt = SymmetricKey(size: .bits128).withUnsafeBytes { Array($0) }
        do {
            let box = try AES.GCM.seal(plain, using: try derive(passphrase, salt: salt), authenticating: magic + salt)
            guard let combined = box.combined else { throw PersonalDataError.keyBundle("AES-GCM gave no combined box") }
            return magic + salt + Array(combined)
        } catch let error as PersonalDataError {
            throw error
        } catch {
            throw .keyBundle("sealing the bundle failed: \(error)")
        }
    }

    /// Writes the bundle's entries into a new key store at `path` (which must hold none yet).
    ///
    /// - Throws: ``PersonalDataError/keyBundle(_:)`` for a wrong passphrase or damaged bytes;
    ///   nothing is written then.
    public static func restore(_ bundle: [UInt8], passphrase: String, into path: String) throws(PersonalDataError) -> Int {
        let entries = try open(bundle, passphrase: passphrase)
        guard !FileManager.default.fileExists(atPath: path + "/data.mdb") else {
            throw .keyBundle("\(path) already holds a key store")
        }
        return try SubjectKeyStore.keyStore {
            let store = try KeyValueStore.open(at: path, tables: SubjectKeyStore.Table.all)
            defer { store.close() }
            try store.write { writer in
                for entry in entries { try writer.put(entry.value, for: entry.key, in: entry.table) }
            }
            return entries.count
        }
    }

    /// The entries of a bundle, decrypted and checked.
    static func open(_ bundle: [UInt8], passphrase: String) throws(PersonalDataError) -> [(table: String, key: [UInt8], value: [UInt8])] {
        let header = magic.count + 16
        guard bundle.count > header + 28, Array(bundle.prefix(magic.count)) == magic else {
            throw .keyBundle("not a CallStack key bundle")
        }
        let salt = Array(bundle[magic.count..<header])
        let plain: [UInt8]
        do {
            let box = try AES.GCM.SealedBox(combined: bundle[header...])
            plain = Array(try AES.GCM.open(box, using: try derive(passphrase, salt: salt), authenticating: magic + salt))
        } catch {
            throw .keyBundle("the passphrase is wrong or the bundle is damaged")
        }
        var entries: [(table: String, key: [UInt8], value: [UInt8])] = []
        var offset = 0
        while offset < plain.count {
            let table = try take(plain, &offset), key = try take(plain, &offset), value = try take(plain, &offset)
            guard let name = String(validating: table, as: UTF8.self), SubjectKeyStore.Table.all.contains(name) else {
                throw .keyBundle("an entry names no key-store table")
            }
            entries.append((name, key, value))
        }
        return entries
    }

    private static func derive(_ passphrase: String, salt: [UInt8]) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: 1 << 15, blockSize: 8, parallelism: 1)
    }

    private static func checkPassphrase(_ passphrase: String) throws(PersonalDataError) {
        guard passphrase.utf8.count >= 8 else { throw .keyBundle("a passphrase needs at least 8 bytes") }
    }

    private static func append(_ bytes: [UInt8], to plain: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(bytes.count).bigEndian) { plain.append(contentsOf: $0) }
        plain.append(contentsOf: bytes)
    }

    private static func take(_ plain: [UInt8], _ offset: inout Int) throws(PersonalDataError) -> [UInt8] {
        guard plain.count - offset >= 4 else { throw .keyBundle("a truncated entry") }
        let length = plain[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
        offset += 4
        guard plain.count - offset >= length else { throw .keyBundle("a truncated entry") }
        defer { offset += length }
        return Array(plain[offset..<(offset + length)])
    }
}
