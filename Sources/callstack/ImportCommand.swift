import ArgumentParser

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from CSV into a campaign.",
        subcommands: [ImportPreviewCommand.self, ImportCommitCommand.self, ImportHistoryCommand.self, ImportRejectedCommand.self, ImportUndoCommand.self]
    )
}
