import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The options of `stevedore rmi` / `stevedore image rm`.
struct ImageRemoveArguments: ParsableArguments {
    @Flag(name: [.customShort("f"), .long], help: "Force removal of the image")
    var force = false

    @Flag(name: .long, help: "Do not delete untagged parents")
    var noPrune = false

    @Option(
        name: .long, parsing: .unconditionalSingleValue,
        help: #"Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64") (API ≥ 1.50)"#)
    var platform: [String] = []

    @Argument(help: "Images") var images: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let platformFlag = try ImagePlatformFlag(slice: self.platform)
        try await withClient(self.global) { client in
            let platforms = try await platformFlag.platforms(minimumAPI: APIVersion(1, 50), client: client)
            let options = ImageRemoveOptions(force: self.force, noPrune: self.noPrune, platforms: platforms)
            try await forEachName(self.images, print: false, missing: self.force ? .reportedWithFailures : .failure) { name in
                printOut(Self.describe(try await client.images.remove(name, options: options)))
            }
        }
    }

    /// docker's `Untagged: …` and `Deleted: …` lines.
    static func describe(_ items: [ImageDeleteResponseItem]) -> String {
        items.map { item in
            if let untagged = item.untagged { return "Untagged: \(untagged)\n" }
            if let deleted = item.deleted { return "Deleted: \(deleted)\n" }
            return ""
        }.joined()
    }
}
