import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand {
    /// `stevedore context …`: docker's context commands, on the docker CLI's own context store
    /// (see ``DockerContextStore``), so that both tools see the same contexts.
    struct Context: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "context",
            abstract: "Manage contexts",
            subcommands: [
                Create.self, Export.self, Import.self, Inspect.self, List.self, Remove.self, Show.self, Update.self, Use.self,
            ]
        )
    }
}

extension DockerContext {
    /// The description docker gives the `default` context: `context ls` shows it, and a
    /// context created as a copy of `default` stores it.
    static let defaultDescription = "Current DOCKER_HOST based configuration"
}

/// docker's warning on stderr that `DOCKER_HOST`, when `environment` sets it, wins over the
/// context chosen with `context use`; `subject` is what it tells the user they can then use
/// (`a context`, or a quoted context name).
func warnIfDockerHostOverridesContext(_ subject: String, environment: [String: String]) {
    guard !(environment["DOCKER_HOST"] ?? "").isEmpty else { return }
    printErrorText(
        "Warning: DOCKER_HOST environment variable overrides the active context. To use \(subject), "
            + "either set the global --context flag, or unset DOCKER_HOST environment variable.\n")
}
