import ArgumentParser
import Foundation
import Stevedore

/// The options of `stevedore rmi` / `stevedore image rm`.
struct ImageRemoveArguments: ParsableArguments {
    @Flag(name: [.customShort("f"), .long], help: "Force removal of the image")
    var force = false

    @Flag(name: .long, help: "Do not delete untagged parents")
    var noPrune = false

    @Argument(help: "Images") var images: [String]
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let options = ImageRemoveOptions(force: self.force, noPrune: self.noPrune)
        try await withClient(self.global) { client in
            try await forEachName(self.images, print: false) { name in
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

/// `stevedore image rm` (also `remove`, `rmi`).
struct ImageRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more images", aliases: ["remove", "rmi"])
    @OptionGroup var arguments: ImageRemoveArguments
    func run() async throws { try await self.arguments.run() }
}

/// `stevedore rmi`.
struct ImageRemoveTopLevel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rmi", abstract: "Remove one or more images")
    @OptionGroup var arguments: ImageRemoveArguments
    func run() async throws { try await self.arguments.run() }
}

struct ImageTag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tag", abstract: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
    @Argument(help: "SOURCE_IMAGE[:TAG]") var source: String
    @Argument(help: "TARGET_IMAGE[:TAG]") var target: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let target: ImageName
        do {
            target = try ImageName(parsing: self.target)
        } catch let error as DockerError {
            throw CommandFailure(description: "Error parsing reference: \"\(self.target)\" is not a valid repository/tag: \(error.message)")
        }
        guard target.digest == nil else {
            throw CommandFailure(description: "refusing to create a tag with a digest reference")
        }
        try await withClient(self.global) { client in
            try await client.images.tag(self.source, repository: target.familiarName, tag: target.tag ?? "latest")
        }
    }
}
