import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand.Context {
    /// `stevedore context export CONTEXT [FILE|-]`: the context as docker's `.dockercontext`
    /// tar archive, in a new file (default `CONTEXT.dockercontext`, announced with
    /// `Written file "FILE"` on stderr) or on stdout for `-`, which must not be a terminal.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Export a context to a tar archive FILE or a tar stream on STDOUT.")

        @Argument(help: "CONTEXT") var name: String
        @Argument(help: "FILE|-") var destination: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            if self.name != DockerContext.defaultName { try DockerContextStore.validate(name: self.name) }
            let environment = ProcessInfo.processInfo.environment
            let store = DockerContextStore(environment: environment)
            let destination = self.destination ?? "\(self.name).dockercontext"
            guard destination != "-" else {
                guard !Terminal.isTerminal(STDOUT_FILENO) else {
                    throw CommandFailure(description: "cowardly refusing to export to a terminal, specify a file path")
                }
                try writeAll(ByteBuffer(bytes: try store.export(self.name, environment: environment)), to: STDOUT_FILENO)
                return
            }
            try LocalFiles.createNewFile(destination) { try store.export(self.name, environment: environment) }
            printErrorText("Written file \(GoQuote.quote(destination))\n")
        }
    }
}
