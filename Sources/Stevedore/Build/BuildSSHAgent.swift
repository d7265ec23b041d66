import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An ssh agent a BuildKit build may use (`RUN --mount=type=ssh[,id=ID]`), forwarded through
/// the build's session (`docker build --ssh ID[=SOCKET]`): each connection a step makes to its
/// mounted socket reaches the agent. The step may list the agent's keys and have it sign;
/// adding, removing or locking keys and extensions are refused, as docker refuses them.
///
/// Key files are not read: load a key into an agent (`ssh-add`) and forward that agent.
public struct BuildSSHAgent: Hashable, Sendable {
    /// The id steps name it by; `default` is what a mount without `id` asks for.
    public var id: String
    /// The agent's socket; `nil` is `$SSH_AUTH_SOCK` when the build starts.
    public var socketPath: String?

    public init(id: String = "default", socketPath: String? = nil) {
        self.id = id
        self.socketPath = socketPath
    }

    /// The socket to forward to, checked now. Throws ``DockerError/Category/invalidInput``
    /// when it is unset, missing, or not a socket.
    func resolvedSocketPath(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let path = self.socketPath ?? environment["SSH_AUTH_SOCK"], !path.isEmpty else {
            throw DockerError.invalidInput(
                "no socket for ssh agent \(self.id): SSH_AUTH_SOCK is not set; start ssh-agent or name a socket")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw DockerError.invalidInput("the socket \(path) of ssh agent \(self.id): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw DockerError.invalidInput(
                "\(path) of ssh agent \(self.id) is not a socket: Stevedore forwards agents, not key files; "
                    + "load the key into ssh-agent (ssh-add) and forward its socket")
        }
        return path
    }
}
