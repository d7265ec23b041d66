import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin push PLUGIN[:TAG]`: pushes the plugin to the registry its name names
    /// (`:latest` without a tag), the progress on stdout as docker shows it; nothing after.
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "push", abstract: "Push a plugin to a registry")

        @Flag(name: .long, inversion: .prefixedNo, help: "Skip image signing (default true)")
        var disableContentTrust: Bool?

        @Argument(help: "PLUGIN[:TAG]") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try ContentTrust.refuseIfRequested(disabled: self.disableContentTrust)
            let name = try StevedoreCommand.Plugin.localName(self.name)
            let credentials = try await self.global.credentialsIgnoringHelperFailure(forImage: name)
            try await withClient(self.global) { client in
                _ = try await client.plugins.push(name, credentials: credentials).show()
            }
        }
    }
}
