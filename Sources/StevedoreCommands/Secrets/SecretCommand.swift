import ArgumentParser

extension StevedoreCommand {
    /// `stevedore secret …`: docker's secret commands.
    struct Secret: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "secret",
            abstract: "Manage Swarm secrets",
            subcommands: [Create.self, Inspect.self, List.self, Remove.self]
        )
    }
}
