import ArgumentParser

extension StevedoreCommand {
    /// `stevedore network …`: docker's network commands.
    struct Network: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "network",
            abstract: "Manage networks",
            subcommands: [Connect.self, Create.self, Disconnect.self, Inspect.self, List.self, Prune.self, Remove.self]
        )
    }
}
