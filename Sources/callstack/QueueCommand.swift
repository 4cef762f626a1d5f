import ArgumentParser

struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "A campaign's queue lanes, and why an enrolment was or was not in one.",
        discussion: """
            Lanes, in precedence order (an enrolment is in at most one): callback (a scheduled callback \
            that came due; overdue first), hot-lead (a hot-lead outcome awaiting its follow-up; escalated \
            after the campaign's service-level time), redistributable (owned by a deactivated caller, or \
            owned and not attempted for the staleness threshold), retry (attempted, recycle delay over, \
            attempts left), priority (never attempted; by routing priority, then contact value, then \
            enrolment order). The full table is in docs/QUEUE.md.
            """,
        subcommands: [QueueListCommand.self, QueueWhyCommand.self],
        defaultSubcommand: QueueListCommand.self
    )
}
