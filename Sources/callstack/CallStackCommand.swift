import ArgumentParser

@main
struct CallStackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callstack",
        abstract: "CallStack Engine: an event-sourced engine for outbound calling campaigns, over an LMDB log.",
        discussion: """
            Every command that reads or writes a store takes --store PATH; the default is the embedded \
            store folder \(StoreOptions.defaultPath) under the current directory. Times are RFC 3339, \
            for example 2026-11-29T14:03:00Z.
            """,
        subcommands: [
            DemoCommand.self, LogCommand.self, ReplayCommand.self, VerifyCommand.self, ExportCommand.self,
            RestoreCommand.self, ExecCommand.self, ShowCommand.self, ImportCommand.self, ContactsCommand.self, QueueCommand.self, NextCommand.self, CardCommand.self,
            AdvanceCommand.self, AuditCommand.self, ForgetCommand.self, BenchCommand.self,
        ]
    )
}
