import ArgumentParser
import EventLog
import Foundation
import PersonalData

struct LogBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a hot, consistent, compacted copy of the store into DIR while writers run.",
        discussion: """
            DIR is created if missing and must not hold a store. The copy is a store: open it with --store DIR. \
            The store's key store (personal data's keys, in STORE/keys) is copied too, into DIR/keys, when no \
            other process owns it; otherwise the backup says so, and personal data in the copy reads as \
            erased unless the keys are backed up by the process that owns them (Engine.backup).
            """
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The folder to write the copy into.")
    var directory: String

    func run() throws {
        let log = try storeOptions.open(readOnly: true)
        try log.backup(to: directory)
        let copy = try EventLog.open(at: directory, configuration: .init(readOnly: true))
        print("backup       \(directory)")
        print("head         \(try copy.head())")
        print("keys         \(backUpKeys())")
    }

    /// Copies the key store beside the log's copy, when there is one and this process can own it.
    private func backUpKeys() -> String {
        let folder = SubjectKeyStore.folder(forStore: storeOptions.store)
        guard FileManager.default.fileExists(atPath: folder + "/data.mdb") else { return "none in this store" }
        do {
            let keys = try SubjectKeyStore.open(at: folder)
            defer { keys.close() }
            try keys.backup(to: SubjectKeyStore.folder(forStore: directory))
            return "copied to \(SubjectKeyStore.folder(forStore: directory))"
        } catch {
            return "NOT copied (\(error)): personal data in this copy reads as erased"
        }
    }
}
