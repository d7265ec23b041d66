import ArgumentParser

extension StevedoreCommand.System {
    /// `stevedore system dial-stdio`: the remote end of an `ssh://` connection.
    struct DialStdio: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dial-stdio",
            abstract: "Proxy the stdio stream to the daemon connection. Should not be invoked manually."
        )

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await self.global.makeConfiguration().relayStandardIO()
        }
    }
}
