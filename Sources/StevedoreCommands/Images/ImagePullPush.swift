import ArgumentParser
import Foundation
import Stevedore

struct ImagePull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pull", abstract: "Download an image from a registry")

    @Flag(name: [.customShort("a"), .long], help: "Download all tagged images in the repository")
    var allTags = false

    @Option(name: .long, help: "Set platform if server is multi-platform capable")
    var platform: String?

    @Flag(name: [.customShort("q"), .long], help: "Suppress verbose output")
    var quiet = false

    @Argument(help: "NAME[:TAG|@DIGEST]") var name: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let reference = try resolveTag(of: self.name, allTags: self.allTags, quiet: self.quiet)
        let credentials = try await self.global.credentials(forImage: self.name)
        try await withClient(self.global) { client in
            let options = ImagePullOptions(allTags: self.allTags, platform: self.platform, credentials: credentials)
            try await client.images.pull(reference.familiarString, options: options).show(quiet: self.quiet)
        }
        printOut(reference.description + "\n")
    }
}

struct ImagePush: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "push", abstract: "Upload an image to a registry")

    @Flag(name: [.customShort("a"), .long], help: "Push all tags of an image to the repository")
    var allTags = false

    @Flag(name: [.customShort("q"), .long], help: "Suppress verbose output")
    var quiet = false

    @Argument(help: "NAME[:TAG]") var name: String
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let reference = try resolveTag(of: self.name, allTags: self.allTags, quiet: self.quiet)
        let credentials = try await self.global.credentials(forImage: self.name)
        try await withClient(self.global) { client in
            let options = ImagePushOptions(allTags: self.allTags, credentials: credentials)
            try await client.images.push(reference.familiarString, options: options).show(quiet: self.quiet)
        }
        if self.quiet { printOut(reference.description + "\n") }
    }
}

/// The reference pull and push work on, as docker resolves it: `--all-tags` takes a bare
/// name; otherwise a bare name gets `latest`, announced with `Using default tag: latest`.
private func resolveTag(of name: String, allTags: Bool, quiet: Bool) throws -> ImageName {
    let reference = try parseImageName(name)
    if allTags {
        guard reference.isNameOnly else { throw CommandFailure(description: "tag can't be used with --all-tags/-a") }
        return reference
    }
    if reference.isNameOnly && !quiet { printOut("Using default tag: latest\n") }
    return reference.withDefaultTag
}
