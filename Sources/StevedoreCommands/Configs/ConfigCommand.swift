import ArgumentParser

extension StevedoreCommand {
    /// `stevedore config …`: docker's config commands.
    struct Config: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Manage Swarm configs",
            subcommands: [Create.self, Inspect.self, List.self, Remove.self]
        )
    }
}
