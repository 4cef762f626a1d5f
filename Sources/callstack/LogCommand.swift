import ArgumentParser

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Inspect, verify, follow and back up the event log.",
        subcommands: [
            LogStatsCommand.self, LogVerifyCommand.self, LogTailCommand.self, LogPositionCommand.self, LogBackupCommand.self,
            CrashWriterCommand.self, CrashReaderCommand.self,
        ]
    )
}
