extension DockerClient.Plugins {
    /// `POST /plugins/{name}/enable`: starts the plugin and waits until its socket accepts a
    /// connection. `timeout` is how long, in seconds, the daemon later waits for the plugin's
    /// answers (0, the default: no limit), not a limit on enabling.
    ///
    /// A plugin that never opens its socket fails after about 12 s with the daemon's dial
    /// error; an enabled one throws ``DockerError/Category/conflict``.
    public func enable(_ name: String, timeout: Int = 0) async throws {
        guard timeout >= 0 else { throw DockerError.invalidInput("negative timeout \(timeout) is invalid") }
        var query = QueryItems()
        query.add("timeout", timeout)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.plugin(name, "/enable"), query: query))
    }
}
