import ArgumentParser
import StevedoreText

extension StevedoreCommand {
    /// `stevedore completion bash|zsh|fish`: the shell's completion script, as docker's
    /// `completion` prints one (`source <(stevedore completion bash)`). It completes commands,
    /// flags and their fixed values, as swift-argument-parser writes it; docker's also asks the
    /// daemon for container and image names, which this one does not.
    struct Completion: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "completion",
            abstract: "Generate the autocompletion script for the specified shell (bash, zsh or fish)"
        )

        @Argument(help: "bash, zsh or fish") var shell: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() throws {
            guard let shell = CompletionShell(rawValue: self.shell) else {
                throw CommandFailure(description: "no completion script for \(GoQuote.quote(self.shell)): use bash, zsh or fish")
            }
            printOut(StevedoreCommand.completionScript(for: shell))
        }
    }
}
