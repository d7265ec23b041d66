extension DockerClient.Exec {
    /// Waits until the exec process has exited and the daemon has recorded it, and returns its
    /// exit code: an attached exec's output can end a moment before the exit is recorded, and a
    /// detached one runs on after its start. Polls `GET /exec/{id}/json`, backing off to every
    /// 100 ms; throws ``DockerError/Category/timeout`` if it still runs after `timeout`.
    public func waitForExit(_ id: String, timeout: Duration = .seconds(10)) async throws -> Int {
        let clock = ContinuousClock()
        // Capped at a century: a huge timeout waits "forever" without overflowing the instant.
        let deadline = clock.now + min(max(timeout, .zero), .seconds(3_155_760_000))
        var delay = Duration.milliseconds(1)
        // The polls stay on the client's event loop: nothing of the caller's runs between them.
        return try await self.client.onEventLoop {
            while true {
                let inspected = try await self.inspect(id)
                if inspected.running != true, let exitCode = inspected.exitCode {
                    return exitCode
                }
                guard clock.now < deadline else {
                    throw DockerError(category: .timeout, message: "exec \(id) still runs after \(timeout)")
                }
                try await Task.sleep(for: delay)
                delay = min(delay * 2, .milliseconds(100))
            }
        }
    }
}
