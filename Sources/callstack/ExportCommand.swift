import ArgumentParser
import CallStack
import EventLog
import Foundation
import PersonalData

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log as JSON lines: envelope, payload for people, and raw payload for an exact restore.",
        discussion: """
            One event per line in the `log tail` format: the envelope, `message` (the payload in \
            protobuf's JSON mapping), `payload` (the raw bytes, base64, which `restore` uses) and \
            `chainHash`. The same log always exports the same bytes. Personal fields stay sealed in both \
            forms; --keys also writes the key bundle, encrypted under a passphrase (scrypt, AES-256-GCM), \
            without which a restored store reads personal data as erased. Exporting the keys needs the key \
            store, which only one process may have open.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var until: UntilOption

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Also write the key bundle to this file.")
    var keys: String?

    @OptionGroup var passphrase: PassphraseOption

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        let stop = try until.position(in: log)
        let handle = try outputHandle()
        let bar = ProgressBar(label: "export")
        let written = try StoreExport.export(log, until: stop, to: handle) { bar.update($0, of: $1) }
        bar.finish()
        if output != nil { try handle.close() }
        if let keys { try writeKeys(to: keys) }
        if output != nil || keys != nil {
            FileHandle.standardError.write(Data("exported \(written) events up to position \(stop)\(keys.map { "; keys in \($0)" } ?? "")\n".utf8))
        }
    }

    private func outputHandle() throws -> FileHandle {
        guard let output else { return .standardOutput }
        guard FileManager.default.createFile(atPath: output, contents: nil), let handle = FileHandle(forWritingAtPath: output) else {
            throw ValidationError("cannot write \(output)")
        }
        return handle
    }

    private func writeKeys(to file: String) throws {
        let secret = try passphrase.passphrase()
        let store = try SubjectKeyStore.open(at: SubjectKeyStore.folder(forStore: storeOptions.store))
        defer { store.close() }
        let bundle = try KeyBundle.export(store, passphrase: secret)
        guard FileManager.default.createFile(atPath: file, contents: Data(bundle), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write \(file)")
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Load an export into a new store: the same positions, the same hash chain, verified.",
        discussion: """
            The store is built in a scratch folder and moved to --store only once every line has loaded, \
            the chain ends in the export's last hash and verify passes; a bad file leaves nothing behind. \
            --store must not exist or be an empty folder. Without --keys, personal data reads as erased, \
            and restore says so.
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The export file (JSON lines).")
    var file: String

    @Option(help: "The key bundle written by `export --keys`.")
    var keys: String?

    @OptionGroup var passphrase: PassphraseOption

    func run() async throws {
        var bundle: StoreRestore.Keys?
        if let keys {
            guard let bytes = FileManager.default.contents(atPath: keys) else { throw ValidationError("cannot read \(keys)") }
            bundle = StoreRestore.Keys(bundle: Array(bytes), passphrase: try passphrase.passphrase())
        }
        let bar = ProgressBar(label: "restore", unit: "bytes")
        let report = try await StoreRestore.restore(from: file, into: storeOptions.store, keys: bundle) {
            bar.update(UInt64($0), of: UInt64($1))
        }
        bar.finish()
        print("restored     \(report.events) events into \(storeOptions.store)")
        print("verify       ok; head \(report.head)")
        if let entries = report.keyEntries {
            print("keys         \(entries) key-store entries loaded")
        } else {
            print("keys         none: personal data of \(report.sealedWithoutKeys) contacts reads as erased")
        }
    }
}
