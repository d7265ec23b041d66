// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Stevedore",
    platforms: [.macOS(.v15)],  // TaskExecutor; Linux is where CI builds and tests it
    products: [
        .library(name: "Stevedore", targets: ["Stevedore"]),
        .executable(name: "stevedore", targets: ["stevedore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        // Child processes (ssh, credential helpers, test tools) with pidfd-based exit monitoring:
        // Foundation's Process on Linux can miss a child's exit when several run concurrently.
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        // FilePath and FileDescriptor, as swift-subprocess takes them.
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        // SHA-256, which names docker's context directories.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // `swift package generate-documentation --target Stevedore` (the DocC catalog; CI checks
        // that it builds without warnings).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        // Codable models generated from Spec/swagger.yaml by Generator/generate-models.py.
        .target(name: "StevedoreModels"),
        // HTTP/1.1 over unix and tcp sockets: pooled requests, streamed bodies, hijacked duplex.
        // Knows sockets and HTTP, not the Docker API.
        .target(
            name: "StevedoreTransport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        // The Docker Engine API client.
        .target(
            name: "Stevedore",
            dependencies: [
                "StevedoreModels",
                "StevedoreTransport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Output formatting shared by the CLI: docker's Go-template subset, tables, human units.
        .target(name: "StevedoreFormatting"),
        // The `stevedore` command line, as a library so that it is testable.
        .target(
            name: "StevedoreCommands",
            dependencies: [
                "Stevedore",
                "StevedoreFormatting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(name: "stevedore", dependencies: ["StevedoreCommands"]),
        // The fuzz target of the stream parsers (scripts/fuzz builds it with libFuzzer).
        .executableTarget(
            name: "StevedoreFuzz",
            dependencies: [
                "Stevedore",
                "StevedoreCommands",
                "StevedoreFormatting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Helpers for tests: finding the test engine, a scriptable fake server.
        .target(
            name: "StevedoreTestSupport",
            dependencies: [
                "Stevedore",
                "StevedoreTransport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .testTarget(name: "StevedoreModelsTests", dependencies: ["StevedoreModels"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "StevedoreTransportTests",
            dependencies: [
                "StevedoreTransport", "StevedoreTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "StevedoreTests",
            dependencies: [
                "Stevedore", "StevedoreTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
        // Depends on the executable: the ssh tests run its `system dial-stdio` as the remote command.
        .testTarget(
            name: "StevedoreIntegrationTests",
            dependencies: ["Stevedore", "StevedoreTestSupport", "stevedore", .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(name: "StevedoreFormattingTests", dependencies: ["StevedoreFormatting"]),
        // Depends on the executable so that the binary the tests run is built with them.
        .testTarget(
            name: "StevedoreCommandsTests",
            dependencies: ["StevedoreCommands", "StevedoreTestSupport", "stevedore"],
            exclude: ["Golden"]  // read from the source tree, so that they can be rewritten
        ),
        // Against the 3-host swarm bed of scripts/swarm, in a pass of scripts/test of its own.
        .testTarget(name: "StevedoreSwarmTests", dependencies: ["Stevedore", "StevedoreTestSupport", "stevedore"]),
    ]
)
