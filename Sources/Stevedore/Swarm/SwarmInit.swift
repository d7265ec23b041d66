extension DockerClient.Swarm {
    /// `POST /swarm/init`: makes this daemon the first manager of a new swarm and returns its
    /// node id. `request.listenAddr` defaults to `0.0.0.0:2377` when nil, as the docker CLI
    /// sends it; a daemon with several addresses needs `advertiseAddr`. A daemon already in a
    /// swarm throws ``DockerError/Category/unavailable`` (`This node is already part of a
    /// swarm`).
    @discardableResult
    public func initialize(_ request: SwarmInitRequest = .init()) async throws -> String {
        try await self.client.requireAPIVersions(for: request.fieldsNeedingNewerAPIs)
        var request = request
        request.listenAddr = request.listenAddr ?? "0.0.0.0:2377"
        let body = try self.client.jsonBody(request)
        return try await self.client.decode(String.self, from: DockerRequest(.POST, "/swarm/init", body: body))
    }
}
