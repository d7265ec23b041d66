extension DockerClient.Swarm {
    /// `POST /swarm/unlock`: unlocks a manager of an autolocked swarm after its restart, with
    /// the key ``unlockKey()`` gave. A wrong key throws the daemon's refusal; a manager that
    /// is not locked throws ``DockerError/Category/unavailable``.
    public func unlock(key: String) async throws {
        guard !key.isEmpty else { throw DockerError.invalidInput("unlocking a swarm needs its unlock key") }
        let body = try self.client.jsonBody(SwarmUnlockRequest(unlockKey: key))
        try await self.client.discardingBody(DockerRequest(.POST, "/swarm/unlock", body: body))
    }

    /// `GET /swarm/unlockkey`: the key that unlocks this swarm's managers after a restart
    /// when autolock is on (`nil` when it is off). A secret: keep it out of logs.
    public func unlockKey() async throws -> String? {
        let response = try await self.client.decode(UnlockKeyResponse.self, from: DockerRequest(.GET, "/swarm/unlockkey"))
        return response.unlockKey.flatMap { $0.isEmpty ? nil : $0 }
    }
}
