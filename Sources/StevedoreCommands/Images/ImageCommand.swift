import ArgumentParser

extension StevedoreCommand {
    /// `stevedore image …`: the image commands, most also reachable at the top level as in
    /// docker (`stevedore images`, `stevedore pull`, `stevedore rmi`…).
    struct Image: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "image",
            abstract: "Manage images",
            subcommands: [
                Build.self, History.self, Import.self, Inspect.self, Load.self, List.self, Prune.self, Pull.self, Push.self,
                Remove.self, Save.self, Tag.self,
            ]
        )

        /// The group's commands docker also offers at the top level: all but `inspect` (the
        /// top-level one inspects any kind of object) and `prune`, with `images` for `ls` and
        /// `rmi` for `rm`.
        static var topLevelCommands: [any ParsableCommand.Type] {
            Self.configuration.subcommands.compactMap { command in
                switch command {
                case is List.Type: StevedoreCommand.Images.self
                case is Remove.Type: StevedoreCommand.Rmi.self
                case is Inspect.Type, is Prune.Type: nil
                default: command
                }
            }
        }
    }
}
