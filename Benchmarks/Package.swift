// swift-tools-version:6.1
// Stevedore's benchmark driver, a package of its own so that neither `swift build` nor
// `swift test` of the main package builds it. `Benchmarks/run` builds it in release mode.
import Foundation
import PackageDescription

// The main package is the parent directory; SwiftPM names a path dependency after its
// directory, which is whatever the clone is called.
let stevedoreRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "StevedoreBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: stevedoreRoot.path),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .executableTarget(
            name: "stevedore-bench",
            dependencies: [
                .product(name: "Stevedore", package: stevedoreRoot.lastPathComponent),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        )
    ]
)
