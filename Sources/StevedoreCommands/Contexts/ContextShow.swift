import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context show`: the name of the current context (`--context`, else `default`
    /// under `DOCKER_HOST`, else `DOCKER_CONTEXT`, else config.json's), stored or not.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the name of the current context")

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            printOut(try store.currentContextName(environment: environment, context: self.global.context) + "\n")
        }
    }
}
