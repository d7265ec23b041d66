import ArgumentParser

extension StevedoreCommand {
    /// `stevedore service …`: docker's service commands.
    struct Service: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "service",
            abstract: "Manage Swarm services",
            subcommands: [
                Create.self, Inspect.self, Logs.self, List.self, Tasks.self, Remove.self, Rollback.self, Scale.self, Update.self,
            ]
        )
    }
}
