import ArgumentParser

extension StevedoreCommand {
    /// `stevedore volume …`: docker's volume commands.
    struct Volume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "volume",
            abstract: "Manage volumes",
            subcommands: [Create.self, Inspect.self, List.self, Prune.self, Remove.self, Update.self]
        )
    }
}
