import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin enable PLUGIN`: starts the plugin and prints its name as given.
    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a plugin")

        @Option(name: .long, parsing: .unconditional, help: "HTTP client timeout (in seconds)") var timeout = 30

        @Argument(help: "PLUGIN") var plugin: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await client.plugins.enable(self.plugin, timeout: .seconds(self.timeout))
            }
            printOut(self.plugin + "\n")
        }
    }
}
