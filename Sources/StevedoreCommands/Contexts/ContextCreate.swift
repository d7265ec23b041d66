import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Context {
    /// `stevedore context create CONTEXT`: a new context with the endpoint `--docker`
    /// describes, else a copy of context `--from`, else of the current context. Prints its name,
    /// and `Successfully created context "NAME"` on stderr.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a context", discussion: ContextFlags.discussion(command: "create"))

        @OptionGroup var flags: ContextFlags
        @Option(name: .long, parsing: .unconditional, help: "create context from a named context") var from = ""

        @Argument(help: "CONTEXT") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let docker = try self.flags.dockerConfig()
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            try store.checkNewName(self.name)
            if self.from.isEmpty, let docker {
                let endpoint = try ContextFlags.dockerEndpoint(docker, store: store, environment: environment)
                let description = self.flags.contextDescription
                try store.create(
                    DockerContext(
                        name: self.name, description: description.isEmpty ? nil : description, endpoint: endpoint.endpoint,
                        tls: endpoint.tls))
            } else {
                guard docker == nil else { throw CommandFailure(description: "cannot use --docker flag when --from is set") }
                let source =
                    try self.from.isEmpty ? store.currentContextName(environment: environment, context: self.global.context) : self.from
                try self.copy(source, store: store, environment: environment)
            }
            printOut(self.name + "\n")
            printErrorText("Successfully created context \(GoQuote.quote(self.name))\n")
        }

        /// Stores context `source` (`default` as `environment` describes it) under the new name,
        /// as docker copies a context: exported and imported, so that every endpoint and TLS
        /// file comes along. The copy's description is `--description` when given, else, for
        /// `default`, the text docker shows for it (``DockerContext/defaultDescription``).
        private func copy(_ source: String, store: DockerContextStore, environment: [String: String]) throws {
            try store.import(self.name, from: try store.export(source, environment: environment))
            var description = self.flags.contextDescription
            if description.isEmpty && source == DockerContext.defaultName { description = DockerContext.defaultDescription }
            guard !description.isEmpty else { return }
            var context = try store.inspect(self.name)
            context.description = description
            try store.update(context)
        }
    }
}
