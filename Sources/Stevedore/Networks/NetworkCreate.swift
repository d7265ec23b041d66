extension DockerClient.Networks {
    /// `POST /networks/create`: creates the network `body` describes and returns its id (and
    /// the daemon's warning, if any).
    ///
    /// Before API 1.44 the daemon accepts a second network of an existing name unless asked
    /// to check: when `body.checkDuplicate` is nil it is sent as `true` there, as the docker CLI
    /// does, so a taken name throws ``DockerError/Category/conflict`` on every daemon (set it to
    /// `false` for the old behaviour). `enableIPv4` needs API 1.47: set, it throws
    /// ``DockerError/Category/unsupportedByAPIVersion`` before any request on older daemons,
    /// which would ignore it. A driver that does not exist throws
    /// ``DockerError/Category/notFound`` (after the daemon's plugin lookup gives up, about 15
    /// seconds); a malformed IPAM configuration throws the daemon's reason
    /// (``DockerError/Category/server`` on dockerd 20.10, which answers 500).
    ///
    /// Cancelled while the daemon creates the network (which it finishes even when the client
    /// goes away), the call waits for the daemon's answer, up to 15 seconds, then removes the
    /// network (up to 10 seconds more) and throws `CancellationError`: only a daemon slower than
    /// that is left with the network.
    public func create(_ body: NetworkCreateRequest) async throws -> NetworkCreateResponse {
        guard !body.name.isEmpty else {
            throw DockerError.invalidInput("a network name must not be empty")
        }
        var body = body
        if body.enableIPv4 != nil {
            try await self.client.requireAPIVersion(APIVersion(1, 47), for: "EnableIPv4 of network create")
        }
        let version = try await self.client.apiVersion()
        if version < APIVersion(1, 44) {
            body.checkDuplicate = body.checkDuplicate ?? true
        } else {
            body.checkDuplicate = nil
        }
        let request = DockerRequest(.POST, "/networks/create", body: try self.client.jsonBody(body))
        return try await self.client.createLeavingNothingIfCancelled {
            try await self.client.decode(NetworkCreateResponse.self, from: request)
        } removing: { created in
            try await self.remove(created.id)
        }
    }
}
