import ArgumentParser

extension StevedoreCommand {
    /// `stevedore builder …`: docker's `builder` group, `build` (the image command itself) and
    /// the build cache's `prune`.
    struct Builder: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "builder",
            abstract: "Manage builds",
            subcommands: [Image.Build.self, Prune.self]
        )
    }
}
