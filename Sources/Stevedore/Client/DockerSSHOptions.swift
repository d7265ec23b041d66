/// How an `ssh://` daemon is reached: as the docker CLI does, each connection runs
/// `ssh [-l user] [-p port] -- host docker system dial-stdio`, and HTTP goes through the
/// program's standard input and output. Keys, known hosts and jump hosts come from the user's
/// ssh configuration.
public struct DockerSSHOptions: Hashable, Sendable {
    /// The ssh client. Default: `ssh`, looked up in `PATH`.
    public var executable: String
    /// Arguments before the destination, e.g. `["-F", "/path/ssh_config", "-i", "key"]`.
    /// Default: `["-o", "ConnectTimeout=30", "-T"]`, as the docker CLI.
    public var arguments: [String]
    /// The command run on the remote host, which must relay its standard input and output to
    /// the daemon. Default: `["docker", "system", "dial-stdio"]`; `stevedore system dial-stdio`
    /// does the same where the docker CLI is not installed.
    public var remoteCommand: [String]

    public init(
        executable: String = "ssh",
        arguments: [String] = ["-o", "ConnectTimeout=30", "-T"],
        remoteCommand: [String] = ["docker", "system", "dial-stdio"]
    ) {
        self.executable = executable
        self.arguments = arguments
        self.remoteCommand = remoteCommand
    }

    /// The command line for `user@host:port`.
    func commandLine(user: String?, host: String, port: Int?) -> [String] {
        var arguments = self.arguments
        if let user { arguments += ["-l", user] }
        if let port { arguments += ["-p", String(port)] }
        return arguments + ["--", host] + self.remoteCommand
    }
}
