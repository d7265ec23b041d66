import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// docker's `--use-api-socket`: the daemon's socket and the caller's registry credentials,
/// given to a container so that a docker client inside it drives the same daemon.
extension DockerClient.Containers {
    /// Where the daemon's socket appears in the container.
    static let apiSocketTarget = "/var/run/docker.sock"
    /// The config file holding ``ContainerCreateOptions/apiSocketCredentials`` in the container.
    static let apiSocketConfigPath = "/run/secrets/docker/config.json"

    /// `body` with the socket's bind mount and, when credentials will be written, the
    /// `DOCKER_CONFIG` that points the container's docker client at them. Returns whether they
    /// will be written: not when the body sets `DOCKER_CONFIG` itself.
    func sharingAPISocket(_ body: ContainerCreateBody, options: ContainerCreateOptions) async throws -> (ContainerCreateBody, Bool) {
        if try await self.client.system.ping().osType == "windows" {
            throw DockerError.invalidInput(
                "the API socket cannot be shared with a container of a Windows Docker Engine: leave out useAPISocket (--use-api-socket)")
        }
        var body = body
        var hostConfig = body.hostConfig ?? HostConfig()
        let socket = Mount(target: Self.apiSocketTarget, source: options.apiSocketPath, type: .bind, bindOptions: Mount.BindOptions())
        hostConfig.mounts = (hostConfig.mounts ?? []) + [socket]
        body.hostConfig = hostConfig
        let writesCredentials = !options.apiSocketCredentials.isEmpty && options.sharesAPISocketCredentials(with: body)
        if writesCredentials {
            let directory = URL(fileURLWithPath: Self.apiSocketConfigPath).deletingLastPathComponent().path
            body.env = (body.env ?? []) + ["DOCKER_CONFIG=" + directory]
        }
        return (body, writesCredentials)
    }

    /// Writes `credentials` into container `id` as docker's CLI writes a config file holding
    /// only them, at ``apiSocketConfigPath`` (mode 0600).
    func writeAPISocketCredentials(_ credentials: [String: RegistryAuth], into id: String) async throws {
        var tar = InMemoryTar()
        tar.append(Self.apiSocketConfigPath, .regularFile, mode: 0o600, contents: Array(Self.configFileText(credentials).utf8))
        try await self.putArchive(id, path: "/", tar: .bytes(tar.finished.readableBytesView))
    }

    /// A config file holding only `credentials`, as Go's CLI saves one: indented with tabs,
    /// registries sorted, each entry's user and password as `auth`, base64 of `user:password`.
    static func configFileText(_ credentials: [String: RegistryAuth]) -> String {
        let entries = credentials.sorted { $0.key < $1.key }.map { registry, credentials in
            var fields: [(String, String)] = []
            // Made from the user and the password, as Go's CLI makes it; else the caller's own.
            if !(credentials.username ?? "").isEmpty || !(credentials.password ?? "").isEmpty {
                fields.append(("auth", Data("\(credentials.username ?? ""):\(credentials.password ?? "")".utf8).base64EncodedString()))
            } else if let auth = credentials.auth, !auth.isEmpty {
                fields.append(("auth", auth))
            }
            let tokens = [
                ("email", credentials.email), ("identitytoken", credentials.identityToken), ("registrytoken", credentials.registryToken),
            ]
            fields += tokens.compactMap { key, value in value.flatMap { $0.isEmpty ? nil : (key, $0) } }
            let members = fields.map { "\t\t\t\(JSONValue.string($0.0).goJSON): \(JSONValue.string($0.1).goJSON)" }
            let object = members.isEmpty ? "{}" : "{\n" + members.joined(separator: ",\n") + "\n\t\t}"
            return "\t\t\(JSONValue.string(registry).goJSON): \(object)"
        }
        return "{\n\t\"auths\": {\n" + entries.joined(separator: ",\n") + "\n\t}\n}"
    }
}

extension ContainerCreateOptions {
    /// Whether ``apiSocketCredentials`` reach a container created from `body`: with
    /// ``useAPISocket``, unless `body` sets `DOCKER_CONFIG` itself, for its docker client to
    /// read a configuration of its own. A caller that reads credentials only to give them
    /// (the docker CLI reads all it holds) can leave them unread otherwise.
    public func sharesAPISocketCredentials(with body: ContainerCreateBody) -> Bool {
        self.useAPISocket && !(body.env ?? []).contains { $0.hasBytePrefix("DOCKER_CONFIG=") }
    }
}
