import ArgumentParser
import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand {
    /// `stevedore login`: checks credentials with the daemon (`/auth`), then stores them as docker
    /// does: in the configured credential helper, else in config.json's `auths`.
    struct Login: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "login", abstract: "Authenticate to a registry.", discussion: "Defaults to Docker Hub if no server is specified.")

        @Option(name: [.customShort("p"), .long], parsing: .unconditional, help: "Password or Personal Access Token (PAT)") var password:
            String?
        @Flag(name: .long, help: "Take the Password or Personal Access Token (PAT) from stdin") var passwordStdin = false
        @Option(name: [.customShort("u"), .long], parsing: .unconditional, help: "Username") var username: String?

        @Argument(help: "Server") var server: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var password = self.password
            if password != nil {
                printError("WARNING! Using --password via the CLI is insecure. Use --password-stdin.")
                if self.passwordStdin {
                    throw CommandFailure(description: "conflicting options: cannot specify both --password and --password-stdin")
                }
            }
            if self.passwordStdin {
                guard self.username != nil else {
                    throw CommandFailure(description: "the --password-stdin option requires --username to be set")
                }
                // Trimmed as bytes, as docker trims them: "\r\n" is one Character, which
                // neither a "\n" nor a "\r" suffix would match.
                var bytes = Array(try StandardInput.readToEnd().readableBytesView)
                if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                password = String(decoding: bytes, as: UTF8.self)
            }
            self.global.warnOfEnvironmentCredentials()
            let server = self.server.flatMap { $0.isEmpty || $0 == "docker.io" ? nil : $0 } ?? RegistryHost.dockerHubKey
            var config = try self.global.configFile()
            var credentials = RegistryAuth(username: self.username, password: password, serverAddress: server)
            if self.username == nil && password == nil, let stored = try? await config.credentials(forRegistry: server),
                stored.username != nil
            {
                // As docker: try what is stored before asking.
                printError("Authenticating with existing credentials... [Username: \(stored.username ?? "")]")
                credentials = stored
                credentials.serverAddress = server
            } else if credentials.username == nil || credentials.password == nil {
                guard isatty(STDIN_FILENO) != 0 else {
                    throw CommandFailure(description: "Error: Cannot perform an interactive login from a non TTY device")
                }
                credentials = try await Self.prompt(credentials)
            }
            let status = try await withClient(self.global) { client in
                let answer = try await client.system.auth(
                    AuthConfig(username: credentials.username, password: credentials.password, serveraddress: credentials.serverAddress))
                if let token = answer.identityToken, !token.isEmpty {
                    credentials.password = nil
                    credentials.identityToken = token
                }
                return answer.status ?? "Login Succeeded"
            }
            // What the file held, not DOCKER_AUTH_CONFIG: the warning is about what the file now holds.
            let before = try? await DockerConfigFile.load(from: config.url).credentials(forRegistry: server)
            do {
                try await config.store(credentials, forRegistry: server)
                try config.save()
            } catch let error as DockerError {
                throw CommandFailure(description: "Error saving credentials: \(error.message)")
            }
            if try config.helper(forRegistry: server) == nil, before != credentials.storedForm {
                printError(
                    """

                    WARNING! Your credentials are stored unencrypted in '\(config.url.path)'.
                    Configure a credential helper to remove this warning. See
                    https://docs.docker.com/go/credential-store/

                    """)
            }
            printOut(status + "\n")
        }

        /// Asks for what is missing on the terminal: the username, then the password unechoed.
        private static func prompt(_ credentials: RegistryAuth) async throws -> RegistryAuth {
            var credentials = credentials
            if credentials.username == nil {
                guard let line = try await promptLine("Username: "), !line.trimmingWhitespace().isEmpty else {
                    throw CommandFailure(description: "Error: Non-null Username Required")
                }
                credentials.username = line.trimmingWhitespace()
            }
            if credentials.password == nil {
                guard let password = try await promptLine("Password: ", echo: false), !password.isEmpty else {
                    throw CommandFailure(description: "Error: Password Required")
                }
                credentials.password = password
            }
            return credentials
        }
    }
}

extension RegistryAuth {
    /// These credentials as config.json gives them back: the user, and the password or token.
    fileprivate var storedForm: RegistryAuth {
        RegistryAuth(
            username: self.username, password: self.identityToken == nil ? self.password : nil, serverAddress: self.serverAddress,
            identityToken: self.identityToken)
    }
}
