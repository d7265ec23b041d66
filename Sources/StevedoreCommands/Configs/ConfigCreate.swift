import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Config {
    /// `stevedore config create CONFIG file|-`: creates a config holding the file's content
    /// (stdin for `-`) and prints its id.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a config from a file or STDIN")

        @Option(name: [.customShort("l"), .long], parsing: .unconditionalSingleValue, help: "Config labels") var label: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Template driver") var templateDriver: String?

        @Argument(help: "CONFIG") var name: String
        @Argument(help: "file|-") var file: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let labels = try swarmObjectLabels(self.label)
            let content: Data
            do {
                // docker reads up to twice the daemon's limit (1000 KB) and lets the daemon refuse more.
                content = try readSwarmObjectContent(self.file, limit: 2 * 1000 * 1024, missing: "config file is required")
            } catch let failure as CommandFailure {
                throw CommandFailure(description: "Error reading content from \(GoQuote.quote(self.file)): \(failure.description)")
            }
            var spec = ConfigSpec(name: self.name, data: content, labels: labels)
            // An empty driver name means no templating, as docker reads the flag.
            if let templateDriver = self.templateDriver, !templateDriver.isEmpty {
                spec.templating = Driver(name: templateDriver)
            }
            try await withClient(self.global) { client in
                printOut(try await client.configs.create(spec) + "\n")
            }
        }
    }
}
