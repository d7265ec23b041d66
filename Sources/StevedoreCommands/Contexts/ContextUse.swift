import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context use CONTEXT`: makes the context the current one in config.json
    /// (`default` removes the setting), prints its name, and `Current context is now "NAME"`
    /// on stderr, warning when `DOCKER_HOST` overrides it.
    struct Use: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "use", abstract: "Set the current docker context")

        @Argument(help: "CONTEXT") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            try DockerContextStore(environment: environment).use(self.name)
            printOut(self.name + "\n")
            printErrorText("Current context is now \(GoQuote.quote(self.name))\n")
            if self.name != DockerContext.defaultName {
                warnIfDockerHostOverridesContext(GoQuote.quote(self.name), environment: environment)
            }
        }
    }
}
