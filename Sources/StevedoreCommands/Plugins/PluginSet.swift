import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin set PLUGIN KEY=VALUE…`: changes settings of a disabled plugin, in
    /// order; prints nothing.
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change settings for a plugin")

        @Argument(help: "PLUGIN") var plugin: String
        @Argument(help: "KEY=VALUE") var settings: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await client.plugins.set(self.plugin, self.settings)
            }
        }
    }
}
