import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context rm` (also `remove`): each context's name once removed, failures on
    /// stderr. The current context is removed only with `-f`, which also makes `default` the
    /// current one in config.json; with `-f`, a missing context is not a failure.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove one or more contexts", aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Force the removal of a context in use") var force = false

        @Argument(help: "CONTEXT") var contexts: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            let current = try store.currentContextName(environment: environment, context: self.global.context)
            try await forEachName(self.contexts) { name in
                // `default` is left to the store, which refuses it even when it is the current one.
                if name == current && name != DockerContext.defaultName {
                    guard self.force else {
                        throw DockerError(
                            category: .conflict, message: "context \(GoQuote.quote(name)) is in use, set -f flag to force remove")
                    }
                    var config = try DockerConfigFile.load(from: store.configDirectory.appendingPathComponent("config.json"))
                    config.currentContext = nil
                    try config.save()
                }
                do {
                    try store.remove(name)
                } catch let error as DockerError where self.force && error.category == .notFound {
                    // Nothing to remove.
                }
            }
        }
    }
}
