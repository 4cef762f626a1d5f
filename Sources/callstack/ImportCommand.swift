import ArgumentParser

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from CSV into a campaign.",
        subcommands: [ImportPreviewCommand.self]
    )
}
