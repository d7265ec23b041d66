import ArgumentParser

extension StevedoreCommand {
    /// `stevedore container …`: the container commands, also reachable at the top level as in
    /// docker (`stevedore ps`, `stevedore rm`…).
    struct Container: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "container",
            abstract: "Manage containers",
            subcommands: [
                Create.self, Start.self, Stop.self, Restart.self, Kill.self, Remove.self, List.self, Inspect.self, Top.self,
                Diff.self, Export.self, Stats.self, Rename.self, Update.self, Wait.self, Pause.self, Unpause.self, Copy.self,
                Prune.self, Run.self, Exec.self, Attach.self, Logs.self, Commit.self, Port.self,
            ]
        )

        /// The group's commands docker also offers at the top level: all but `prune` and
        /// `inspect` (the top-level one inspects any kind of object), with `ps` for `ls`.
        static var topLevelCommands: [any ParsableCommand.Type] {
            Self.configuration.subcommands.compactMap { command in
                switch command {
                case is List.Type: StevedoreCommand.PS.self
                case is Prune.Type, is Inspect.Type: nil
                default: command
                }
            }
        }
    }
}
