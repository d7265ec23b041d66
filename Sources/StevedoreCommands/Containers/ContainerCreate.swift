import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container create`: create a new container.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a new container")

        @OptionGroup var options: ContainerConfigOptions

        @Argument(help: "Image") var image: String
        @Argument(parsing: .captureForPassthrough, help: "Command and arguments") var command: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await self.options.requireWindowsDaemonForWindowsFlags(self.global)
            let body = try self.options.body(
                image: self.image, command: self.command, proxyVariables: self.global.proxyVariables(), of: "create")
            let idFile = try ContainerIDFile(path: self.options.cidfile)
            defer { idFile?.finish() }
            try ContainerConfigOptions.checkImageReference(self.image)
            try await withClient(self.global) { client in
                let (options, pullProgress) = try await self.options.createOptions(for: body, global: self.global)
                let created = try await client.containers.create(body, options: options, pullProgress: pullProgress)
                printCreateWarnings(created, body: body)
                try idFile?.record(created.id)
                printOut(created.id + "\n")
            }
        }
    }
}
