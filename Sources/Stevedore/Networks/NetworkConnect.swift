extension DockerClient.Networks {
    /// `POST /networks/{id}/connect`: attaches `request.container` (id or name, required) to
    /// the network, with the endpoint settings of `request.endpointConfig` (aliases, a static
    /// IP in `ipamConfig`, links, driver options).
    ///
    /// A missing network or container throws ``DockerError/Category/notFound`` (dockerd 20.10
    /// does not check the network of a container that is not running: it fails at its start);
    /// a container already attached ``DockerError/Category/forbidden``; an address outside the
    /// network's subnets the daemon's reason (``DockerError/Category/server`` on dockerd 20.10).
    /// Endpoint fields newer daemons added (`MacAddress` at API 1.44, `GwPriority` at 1.48) throw
    /// ``DockerError/Category/unsupportedByAPIVersion`` before the request on older daemons,
    /// which would ignore them. A driver may still ignore a `MacAddress` given here: Docker
    /// 28.5's bridge driver picks its own at connect (set one at create, in
    /// `ContainerCreateBody.networkingConfig`, where it is honoured).
    public func connect(_ id: String, _ request: NetworkConnectRequest) async throws {
        let path = try ObjectPath.network(id, "/connect")
        try ObjectPath.container.validate(request.container ?? "")
        if let endpoint = request.endpointConfig {
            if !(endpoint.macAddress ?? "").isEmpty {
                try await self.client.requireAPIVersion(APIVersion(1, 44), for: "the MacAddress of a network connect")
            }
            if endpoint.gwPriority != nil {
                try await self.client.requireAPIVersion(APIVersion(1, 48), for: "the GwPriority of a network connect")
            }
        }
        try await self.client.discardingBody(DockerRequest(.POST, path, body: try self.client.jsonBody(request)))
    }
}
