// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CallStack",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EventLog", targets: ["EventLog"]),
        .library(name: "PersonalData", targets: ["PersonalData"]),
        .library(name: "CallStack", targets: ["CallStack"]),
        .executable(name: "callstack", targets: ["callstack"]),
        // For Benchmarks/QueueLanes.
        .library(name: "QueueBench", targets: ["QueueBench", "Workload", "Projections"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.28.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        // Only the CSV benchmark's baseline (ImportBench); the engine reads CSV with its own reader.
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        // Heap: the queue lanes' timers and lane orders.
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.1.0"),
    ],
    targets: [
        // LMDB from Debian's liblmdb-dev. Only EventLog imports it, and only internally.
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // Record checksums and chain links in C: hardware CRC-32C and libcrypto's SHA-256 with a
        // stack context (measured: the Swift CRC loop and digest wrapper cost a third of the writer).
        .target(name: "CEventLogSupport", linkerSettings: [.linkedLibrary("crypto")]),
        // The append-only event log: bytes and envelopes, nothing of CallStack.
        .target(
            name: "EventLog",
            dependencies: [
                "CLMDB",
                "CEventLogSupport",
            ]
        ),
        // The event contract: Swift generated from Schemas/ by `make protos` (committed).
        .target(
            name: "CallStackEvents",
            dependencies: [.product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        // Deciders, projectors and the runtime that folds the log into read models, with digests.
        .target(
            name: "EventSourcing",
            dependencies: [
                "EventLog", "CallStackEvents",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // Personal data sealed per data subject: the key store, sealing, keyed hashes, forgetting.
        .target(
            name: "PersonalData",
            dependencies: [
                "EventLog", "CallStackEvents", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The domain: deciders over the event contract. Pure; never touches LMDB.
        .target(
            name: "CallStackDomain",
            dependencies: [
                "EventSourcing", "CallStackEvents", "ContactImport", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // The facade to embed: the Engine over a store folder (log + key store).
        .target(
            name: "CallStack",
            dependencies: [
                "EventLog", "EventSourcing", "CallStackEvents", "CallStackDomain", "PersonalData", "Projections", "ContactImport",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Contact import: CSV reading, phone validation, preview and commit.
        .target(name: "ContactImport", dependencies: ["CallStackEvents", .product(name: "Crypto", package: "swift-crypto")]),
        // The measurements behind `callstack bench csv`: our reader beside CSV.swift.
        .target(
            name: "ImportBench",
            dependencies: [
                "ContactImport", "LogBench", "CallStack", "CallStackDomain", "CallStackEvents", "EventLog", "PersonalData",
                .product(name: "CSV", package: "CSV.swift"), .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // The seeded workload generator: a workspace, messy lists and days of calling, through the engine.
        .target(name: "Workload", dependencies: ["CallStack", "CallStackDomain", "CallStackEvents", "EventLog", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        // The queue-lanes benchmark (`callstack bench queue`) on the generator's bulk workload.
        .target(name: "QueueBench", dependencies: ["CallStack", "CallStackDomain", "CallStackEvents", "EventLog", "EventSourcing", "PersonalData", "Projections", "Workload",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]),
        // Read models, each a pure Projector.
        .target(
            name: "Projections",
            dependencies: [
                "EventSourcing", "CallStackEvents", "CallStackDomain", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        // Plain C loops over LMDB and SQLite: the physical limit and the peer for `callstack bench log`.
        .target(
            name: "CLogBaselines",
            linkerSettings: [.linkedLibrary("lmdb"), .linkedLibrary("sqlite3")]
        ),
        // The measurements behind `callstack bench log`, shared with Benchmarks/.
        .target(name: "LogBench", dependencies: ["EventLog", "CLogBaselines"]),
        // The measurements behind `callstack bench replay`: rebuild rates, sealing, snapshot opens.
        .target(
            name: "ReplayBench",
            dependencies: [
                "EventLog", "LogBench", "EventSourcing", "Projections", "PersonalData", "CallStackEvents",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .executableTarget(
            name: "callstack",
            dependencies: [
                "CallStack",
                "CallStackDomain",
                "PersonalData",
                "EventLog",
                "LogBench",
                "ReplayBench", "ImportBench", "Workload", "QueueBench",
                "EventSourcing",
                "CallStackEvents",
                "Projections",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The embedding example: a small service over the Engine, run by EmbeddingServiceTests.
        .executableTarget(
            name: "EmbeddingService",
            dependencies: ["CallStack", "CallStackDomain", "CallStackEvents", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            path: "Examples/EmbeddingService"
        ),
        .target(name: "EventLogTestSupport", dependencies: ["EventLog"], path: "Tests/EventLogTestSupport"),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "EventLogTestSupport"]),
        .testTarget(
            name: "EventSourcingTests",
            dependencies: ["EventSourcing", "EventLog", "CallStackEvents", "Projections", "EventLogTestSupport"]
        ),
        .testTarget(
            name: "CallStackEventsTests",
            dependencies: ["CallStackEvents", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .testTarget(
            name: "PersonalDataTests",
            dependencies: [
                "PersonalData", "EventLog", "CallStackEvents", "EventLogTestSupport", "CallStack", "CallStackDomain",
                "EventSourcing", "Projections", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "CallStackDomainTests",
            dependencies: [
                "CallStackDomain", "CallStackEvents", "EventSourcing",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "CallStackTests",
            dependencies: [
                "CallStack", "CallStackDomain", "CallStackEvents", "EventLog", "EventLogTestSupport", "PersonalData",
                "EmbeddingService", "ContactImport", "Projections", "EventSourcing", "Workload",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        .testTarget(
            name: "ContactImportTests",
            dependencies: ["ContactImport", "CallStackEvents", .product(name: "SwiftProtobuf", package: "swift-protobuf")], exclude: ["Fixtures"]
        ),
        // Long runs for `make soak`; `make test` skips them.
        .testTarget(name: "SoakTests", dependencies: ["EventLog", "EventLogTestSupport"]),
        .testTarget(
            name: "CallstackCLITests",
            dependencies: [
                "EventLog", "EventLogTestSupport", "callstack", "EventSourcing", "CallStackEvents", "Projections",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
    ]
)

for target in package.targets where target.type != .system && !["CLogBaselines", "CEventLogSupport"].contains(target.name) {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
