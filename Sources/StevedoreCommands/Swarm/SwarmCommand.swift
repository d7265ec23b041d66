import ArgumentParser

extension StevedoreCommand {
    /// `stevedore swarm …`: docker's swarm commands.
    struct Swarm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "swarm",
            abstract: "Manage Swarm",
            subcommands: [CA.self, Initialize.self, Join.self, JoinToken.self, Leave.self, Unlock.self, UnlockKey.self, Update.self]
        )
    }
}
