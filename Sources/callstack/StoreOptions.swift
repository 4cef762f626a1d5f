public import ArgumentParser
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
}

/// The durability option of the commands that append.
struct DurabilityOption: ParsableArguments {
    @Option(name: .long, help: "Commit durability: durable (fsync per commit), relaxed or unsafeNoSync.")
    var durability: Durability = .durable
}

extension Durability: ExpressibleByArgument {}
