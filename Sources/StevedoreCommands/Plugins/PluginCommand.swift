import ArgumentParser
import Stevedore

extension StevedoreCommand {
    /// `stevedore plugin …`: docker's managed plugin commands.
    struct Plugin: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plugin",
            abstract: "Manage plugins",
            subcommands: [
                Create.self, Disable.self, Enable.self, Inspect.self, Install.self, List.self, Push.self, Remove.self, Set.self,
                Upgrade.self,
            ]
        )

        /// The local name of `name` as `plugin install --alias` and `plugin push` take it
        /// (``DockerClient/Plugins/localName(_:)``: `:latest` added without a tag), checked as
        /// docker checks it: a reference that does not parse fails with its message, one with a
        /// digest with `invalid name: NAME`.
        static func localName(_ name: String) throws -> String {
            guard try parseImageName(name).digest == nil else { throw CommandFailure(description: "invalid name: \(name)") }
            return try DockerClient.Plugins.localName(name)
        }
    }
}
