import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context update CONTEXT`: replaces the description (an empty one leaves it)
    /// and, with `--docker`, the whole docker endpoint and its TLS files. Prints the name, and
    /// `Successfully updated context "NAME"` on stderr.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Update a context", discussion: ContextFlags.discussion(command: "update"))

        @OptionGroup var flags: ContextFlags

        @Argument(help: "CONTEXT") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let docker = try self.flags.dockerConfig()
            // Checked before the lookup, so that `default` is refused as reserved, not missing.
            try DockerContextStore.validate(name: self.name)
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            var context = try store.inspect(self.name)
            if !self.flags.contextDescription.isEmpty {
                context.description = self.flags.contextDescription
            }
            if let docker {
                let endpoint = try ContextFlags.dockerEndpoint(docker, store: store, environment: environment)
                context.endpoint = endpoint.endpoint
                context.tls = endpoint.tls
            }
            try store.update(context)
            printOut(self.name + "\n")
            printErrorText("Successfully updated context \(GoQuote.quote(self.name))\n")
        }
    }
}
