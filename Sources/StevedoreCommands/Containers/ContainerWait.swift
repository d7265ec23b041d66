import ArgumentParser
import Stevedore

extension StevedoreCommand.Container {
    /// `stevedore container wait`: block until one or more containers stop, then print their exit codes.
    struct Wait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wait", abstract: "Block until one or more containers stop, then print their exit codes")
        @Argument(help: "Containers") var containers: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.containers, print: false) { name in
                    let exit = try await client.containers.wait(name)
                    printOut("\(exit.statusCode)\n")
                }
            }
        }
    }
}
