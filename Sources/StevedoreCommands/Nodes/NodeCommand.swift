import ArgumentParser

extension StevedoreCommand {
    /// `stevedore node …`: docker's node commands.
    struct Node: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "node",
            abstract: "Manage Swarm nodes",
            subcommands: [Demote.self, Inspect.self, List.self, Promote.self, Tasks.self, Remove.self, Update.self]
        )
    }
}
