extension DockerClient.Swarm {
    /// `POST /swarm/join`: joins the swarm a manager at one of `request.remoteAddrs` runs,
    /// as a worker or a manager depending on the token. A wrong token throws the daemon's
    /// refusal (``DockerError/Category/server``, the message names the token); a daemon
    /// already in a swarm throws ``DockerError/Category/unavailable``.
    public func join(_ request: SwarmJoinRequest) async throws {
        guard !request.joinToken.isEmpty else { throw DockerError.invalidInput("joining a swarm needs a join token") }
        guard !(request.remoteAddrs ?? []).isEmpty else {
            throw DockerError.invalidInput("joining a swarm needs the address of one of its managers (remoteAddrs)")
        }
        let body = try self.client.jsonBody(request)
        try await self.client.discardingBody(DockerRequest(.POST, "/swarm/join", body: body))
    }
}
