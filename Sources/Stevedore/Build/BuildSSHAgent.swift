#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An ssh agent a BuildKit build may use (`RUN --mount=type=ssh[,id=ID]`), forwarded through
/// the build's session (`docker build --ssh ID[=SOCKET|KEY[,KEY…]]`): each connection a step
/// makes to its mounted socket reaches the agent. The step may list the agent's keys and have
/// it sign; adding, removing or locking keys and extensions are refused, as docker refuses
/// them.
///
/// The agent is a running one (its socket), or one Stevedore runs in process over unencrypted
/// OpenSSH key files (ed25519, ECDSA or RSA, as `ssh-keygen` writes them).
public struct BuildSSHAgent: Hashable, Sendable {
    /// The id steps name it by; `default` is what a mount without `id` asks for.
    public var id: String
    /// The agent's socket; `nil` (with no ``keyFiles``) is `$SSH_AUTH_SOCK` when the build starts.
    public var socketPath: String?
    /// Key files to serve instead of a running agent's keys.
    public var keyFiles: [URL]

    public init(id: String = "default", socketPath: String? = nil) {
        self.id = id
        self.socketPath = socketPath
        self.keyFiles = []
    }

    public init(id: String = "default", keyFiles: [URL]) {
        self.id = id
        self.socketPath = nil
        self.keyFiles = keyFiles
    }

    /// The agent `--ssh ID=PATH[,PATH…]` names, told apart as docker tells it: a socket when a
    /// path is one (it must then be the only path), else key files. Throws
    /// ``DockerError/Category/invalidInput`` for a socket among other paths.
    public init(id: String = "default", paths: [String]) throws {
        let sockets = paths.filter { path in
            var status = stat()
            return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
        }
        guard !sockets.isEmpty else {
            self.init(id: id, keyFiles: paths.map { URL(fileURLWithPath: $0) })
            return
        }
        guard paths.count == 1 else { throw DockerError.invalidInput("invalid combination of keys and sockets") }
        self.init(id: id, socketPath: paths[0])
    }

    /// What serves it, checked now: the keys read, or the socket found. Throws
    /// ``DockerError/Category/invalidInput`` for a key that cannot be used, or a socket that is
    /// unset, missing, or not a socket.
    func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SSHAgentForwarder.Agent {
        if !self.keyFiles.isEmpty {
            guard self.socketPath == nil else {
                throw DockerError.invalidInput("ssh agent \(self.id) has both key files and a socket: give one or the other")
            }
            return .keys(SSHKeyAgent(keys: try self.keyFiles.map(SSHPrivateKey.init(contentsOf:))))
        }
        guard let path = self.socketPath ?? environment["SSH_AUTH_SOCK"], !path.isEmpty else {
            throw DockerError.invalidInput(
                "no socket for ssh agent \(self.id): SSH_AUTH_SOCK is not set; start ssh-agent, name a socket, or give key files")
        }
        var status = stat()
        guard lstat(path, &status) == 0 else {
            throw DockerError.invalidInput("the socket \(path) of ssh agent \(self.id): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFSOCK else {
            throw DockerError.invalidInput("\(path) of ssh agent \(self.id) is not a socket: give a key file as a key file")
        }
        return .socket(path)
    }
}
