import ArgumentParser

extension StevedoreCommand {
    /// `stevedore system …`: the daemon as a whole.
    struct System: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "system",
            abstract: "Manage Docker",
            subcommands: [DiskUsage.self, Info.self, Events.self, Prune.self, DialStdio.self]
        )

        /// The group's commands docker also offers at the top level: `info` and `events`.
        static var topLevelCommands: [any ParsableCommand.Type] {
            Self.configuration.subcommands.filter { $0 is Info.Type || $0 is Events.Type }
        }
    }
}
