// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "CallStack",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "EventLog", targets: ["EventLog"]),
        .executable(name: "callstack", targets: ["callstack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // LMDB from Debian's liblmdb-dev. Only EventLog imports it, and only internally.
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        // The append-only event log: bytes and envelopes, nothing of CallStack.
        .target(
            name: "EventLog",
            dependencies: [
                "CLMDB",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Plain C loops over LMDB and SQLite: the physical limit and the peer for `callstack bench log`.
        .target(
            name: "CLogBaselines",
            linkerSettings: [.linkedLibrary("lmdb"), .linkedLibrary("sqlite3")]
        ),
        // The measurements behind `callstack bench log`, shared with Benchmarks/.
        .target(name: "LogBench", dependencies: ["EventLog", "CLogBaselines"]),
        .executableTarget(
            name: "callstack",
            dependencies: [
                "EventLog",
                "LogBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "EventLogTestSupport", dependencies: ["EventLog"], path: "Tests/EventLogTestSupport"),
        .testTarget(name: "EventLogTests", dependencies: ["EventLog", "EventLogTestSupport"]),
        .testTarget(
            name: "CallstackCLITests",
            dependencies: ["EventLog", "EventLogTestSupport", "callstack"]
        ),
    ]
)

for target in package.targets where target.type != .system && target.name != "CLogBaselines" {
    var settings = target.swiftSettings ?? []
    settings.append(.swiftLanguageMode(.v6))
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
