import ArgumentParser
import EventLog

struct LogBackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a hot, consistent, compacted copy of the store into DIR while writers run.",
        discussion: "DIR is created if missing and must not hold a store. The copy is a store: open it with --store DIR."
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
    }
}
