import Stevedore

/// A failure the CLI reports as docker does: its message alone on stderr (nothing when it is
/// empty), and an exit code.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 1
    /// A value a flag refused (``FlagValue``), which docker's flag parser refuses before the
    /// command runs: not one of the command's own refusals.
    var isFlagValue = false
    /// A wrong number of arguments the command found itself (`exec` without its command):
    /// docker's words for it name the command as typed (``DockerCommandUsage``).
    var isArgumentCount = false

    /// The command's arguments are too few or too many, as docker's argument check says.
    static let argumentCount = CommandFailure(description: "wrong number of arguments", exitCode: 1, isArgumentCount: true)

    /// A command line `run` or `create` refuses once its flags are read (`command` names
    /// which), as docker words it (`withHelp`): `stevedore: MESSAGE`, a blank line and the
    /// pointer to `stevedore run --help` (`run` or `create`, also after `container`, as
    /// docker's), exit code 125. Other failures, and a flag's value, are left as they are.
    func explained(forContainerCommand command: String) -> CommandFailure {
        guard self.exitCode == 125, !self.isFlagValue else { return self }
        return .withHelp(self.description, command: command)
    }

    /// docker's `withHelp`: `stevedore: MESSAGE`, a blank line and the pointer to `command`'s
    /// help, with `exitCode`.
    static func withHelp(_ message: String, command: String, exitCode: Int32 = 125) -> CommandFailure {
        CommandFailure(description: "stevedore: \(message)\n\nRun 'stevedore \(command) --help' for more information", exitCode: exitCode)
    }
}

extension CommandFailure {
    /// A failure whose exit code is `status`, non-zero (a container's, a build step's), as a
    /// process's exit status keeps it: its low 8 bits, or 1 where those are 0, so that the
    /// failure never exits as a success (`exit(256)` would), whatever number the daemon sent.
    init(description: String = "", failingStatus status: some BinaryInteger) {
        let low = Int32(truncatingIfNeeded: status) & 0xFF
        self.init(description: description, exitCode: low == 0 ? 1 : low)
    }
}
