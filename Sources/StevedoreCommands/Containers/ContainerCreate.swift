import ArgumentParser
import Foundation
import Stevedore

struct ContainerCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a new container")

    @OptionGroup var options: ContainerConfigOptions

    @Argument(help: "Image") var image: String
    @Argument(parsing: .captureForPassthrough, help: "Command and arguments") var command: [String] = []
    @OptionGroup(visibility: .hidden) var global: GlobalOptions

    func run() async throws {
        let body = try self.options.body(image: self.image, command: self.command)
        try await withClient(self.global) { client in
            let created = try await self.options.createContainer(body, client: client, global: self.global)
            printWarnings(created.warnings ?? [])
            printOut(created.id + "\n")
        }
    }
}

extension ContainerConfigOptions {
    /// Creates the container of `body`, pulling its image as `--pull` says: `missing` pulls
    /// when the daemon answers that it lacks the image (announced on stderr as docker does,
    /// then created again), `always` pulls first, `never` does not pull. The pull's progress
    /// goes to stderr (stdout carries the id or the container's output); `-q` hides it.
    func createContainer(_ body: ContainerCreateBody, client: DockerClient, global: GlobalOptions) async throws -> ContainerCreateResponse {
        let policy = try self.pullPolicy
        let image = body.image ?? ""
        if policy == .always { try await self.pullImage(image, client: client, global: global) }
        do {
            return try await client.containers.create(body, options: self.createOptions)
        } catch let error as DockerError where policy == .missing && error.category == .notFound && error.message.hasPrefix("No such image") {
            let reference = try parseImageName(image).withDefaultTag
            if !self.quiet { printError("Unable to find image '\(reference.familiarString)' locally") }
            try await self.pullImage(image, client: client, global: global)
            return try await client.containers.create(body, options: self.createOptions)
        }
    }

    private func pullImage(_ image: String, client: DockerClient, global: GlobalOptions) async throws {
        let reference = try parseImageName(image).withDefaultTag
        let options = ImagePullOptions(platform: self.platform, credentials: try await global.credentials(forImage: image))
        try await client.images.pull(reference.familiarString, options: options)
            .show(quiet: self.quiet, display: .standardError(), write: { FileHandle.standardError.write(Data($0.utf8)) })
    }
}
