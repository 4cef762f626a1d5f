public import ArgumentParser
import EventLog

/// The options every store command shares.
struct StoreOptions: ParsableArguments {
    static let defaultPath = ".callstack/store"

    @Option(name: .long, help: "The store folder.")
    var store: String = StoreOptions.defaultPath

    @Option(name: .long, help: "Commit durability: durable (fsync per commit), relaxed or unsafeNoSync.")
    var durability: Durability = .durable

    func open(readOnly: Bool = false) throws -> EventLog {
        try EventLog.open(
            at: store, configuration: EventLogConfiguration(durability: durability, readOnly: readOnly))
    }
}

extension Durability: ExpressibleByArgument {}
