/// How an `ssh://` daemon is reached: as the docker CLI does, each connection runs
/// `ssh [-l user] [-p port] -- host docker system dial-stdio`, and HTTP goes through the
/// program's standard input and output. Keys, known hosts and jump hosts come from the user's
/// ssh configuration.
///
/// A host with a socket path (`ssh://host/run/user/1000/docker.sock`) runs
/// `docker --host=unix:///run/user/1000/docker.sock system dial-stdio` there: the path is
/// given to the remote command right after its program's name. ssh hands the remote command
/// to the remote user's shell as one line, so that word is quoted for a POSIX shell, as docker
/// 28 quotes it: a path cannot run or expand anything there.
public struct DockerSSHOptions: Hashable, Sendable {
    /// The ssh client. Default: `ssh`, looked up in `PATH`.
    public var executable: String
    /// Arguments before the destination, e.g. `["-F", "/path/ssh_config", "-i", "key"]`.
    /// Default: `["-o", "ConnectTimeout=30", "-T"]`, as the docker CLI.
    public var arguments: [String]
    /// The command run on the remote host, which must relay its standard input and output to
    /// the daemon. Default: `["docker", "system", "dial-stdio"]`; `stevedore system dial-stdio`
    /// does the same where the docker CLI is not installed. Its words reach the remote user's
    /// shell as they are (`~/bin/stevedore` expands there). A host's socket path is inserted,
    /// quoted, right after the first word, which must then be the program that takes `--host`.
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

    /// The command line for `user@host:port`, whose daemon listens at `socketPath` when given.
    func commandLine(user: String?, host: String, port: Int?, socketPath: String? = nil) -> [String] {
        var arguments = self.arguments
        if let user { arguments += ["-l", user] }
        if let port { arguments += ["-p", String(port)] }
        var remoteCommand = self.remoteCommand
        if let socketPath, !remoteCommand.isEmpty { remoteCommand.insert(Self.shellQuoted("--host=unix://" + socketPath), at: 1) }
        return arguments + ["--", host] + remoteCommand
    }

    /// `word` as a POSIX shell reads it back as one word: as it is when it holds only
    /// characters no shell treats specially, else in single quotes (a single quote inside
    /// written `'\''`).
    static func shellQuoted(_ word: String) -> String {
        let plainCharacters = "@%+=:,./_-".unicodeScalars
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || plainCharacters.contains(scalar))
            }
        if plain { return word }
        return "'" + word.split(scalar: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

}
