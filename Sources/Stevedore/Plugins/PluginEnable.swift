extension DockerClient.Plugins {
    /// `POST /plugins/{name}/enable`: starts the plugin and waits until its socket accepts a
    /// connection. `timeout` is how long the daemon later waits for the plugin's answers, sent
    /// in whole seconds rounded up (`nil`, the default: no limit), not a limit on enabling.
    ///
    /// A plugin that never opens its socket fails after about 12 s with the daemon's dial
    /// error; an enabled one throws ``DockerError/Category/conflict``.
    public func enable(_ name: String, timeout: Duration? = nil) async throws {
        var seconds: Int64 = 0  // the daemon requires the parameter; 0 is its "no limit"
        if let timeout {
            guard timeout >= .zero else { throw DockerError.invalidInput("negative timeout \(timeout) is invalid") }
            let components = timeout.clampedToLongestWait.components
            seconds = components.attoseconds > 0 ? components.seconds + 1 : components.seconds
        }
        var query = QueryItems()
        query.add("timeout", seconds)
        try await self.client.discardingBody(DockerRequest(.POST, try ObjectPath.plugin(name, "/enable"), query: query))
    }
}
