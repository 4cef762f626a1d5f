// swift-tools-version: 6.1
// The ordo-one/benchmark suites, in their own package so that `make test` never builds them.
// Run: `make benchmarks` (or `cd Benchmarks && swift package benchmark`).
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "CallStackBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LogBenchmarks",
            dependencies: [
                .product(name: "EventLog", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "LogBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "QueueLanes",
            dependencies: [
                .product(name: "QueueBench", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "QueueLanes",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
