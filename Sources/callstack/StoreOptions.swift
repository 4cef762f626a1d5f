public import ArgumentParser
import CallStack
import EventLog

/// The option every store command shares.
struct StoreOptions: ParsableArguments {
    static let defaultPath = ".callstack/store"

    @Option(name: .long, help: "The store folder.")
    var store: String = StoreOptions.defaultPath

    func open(readOnly: Bool = false, durability: Durability = .durable, initialMapSize: Int? = nil) throws -> EventLog {
        var configuration = EventLogConfiguration(durability: durability, readOnly: readOnly)
        if let initialMapSize { configuration.initialMapSize = initialMapSize }
        return try EventLog.open(at: store, configuration: configuration)
    }

    /// The engine over the store: the log and its key store (which one process owns at a time).
    func openEngine(durability: Durability = .durable) throws -> Engine {
        try Engine.open(at: store, durability: durability)
    }
}

/// The durability option of the commands that append.
struct DurabilityOption: ParsableArguments {
    @Option(name: .long, help: "Commit durability: durable (fsync per commit), relaxed or unsafeNoSync.")
    var durability: Durability = .durable
}

extension Durability: ExpressibleByArgument {}
