import ArgumentParser

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The whole story on a generated workspace (story), or a burst of concurrent appends (burst).",
        subcommands: [DemoStoryCommand.self, DemoBurstCommand.self],
        defaultSubcommand: DemoStoryCommand.self
    )
}
