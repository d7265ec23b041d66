extension DockerClient.Exec {
    /// `POST /containers/{id}/exec`: creates an exec process in a running container from
    /// `config` (every `ExecConfig` field is sent as given) and returns its id.
    ///
    /// Version rules, checked before sending: `env` needs API 1.25 (else
    /// ``DockerError/Category/unsupportedByAPIVersion``); `consoleSize` is dropped below API
    /// 1.42, which ignores it, as docker's client does. An empty `cmd` is
    /// ``DockerError/Category/invalidInput``. A container that is not running throws
    /// ``DockerError/Category/conflict``; an unknown one, ``DockerError/Category/notFound``.
    public func create(_ config: ExecConfig, in container: String) async throws -> String {
        let path = try ObjectPath.container(container, "/exec")
        guard let command = config.cmd, !command.isEmpty else {
            throw DockerError.invalidInput("an exec needs a command: cmd must not be empty")
        }
        var config = config
        if config.env != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 25), for: "the environment (Env) of an exec")
        }
        if try await self.client.apiVersion() < APIVersion(1, 42) {
            config.consoleSize = nil
        }
        let request = DockerRequest(.POST, path, body: try self.client.jsonBody(config))
        return try await self.client.decode(IDResponse.self, from: request).id
    }
}
