import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Plugin {
    /// `stevedore plugin disable PLUGIN`: stops the plugin and prints its name as given.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable a plugin")

        @Flag(name: [.customShort("f"), .long], help: "Force the disable of an active plugin") var force = false

        @Argument(help: "PLUGIN") var plugin: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await client.plugins.disable(self.plugin, force: self.force)
            }
            printOut(self.plugin + "\n")
        }
    }
}
