import Stevedore

/// Fails, as docker does before running a command, when a given flag needs a newer API than
/// the daemon's: one line per flag, in the flags' name order, `"--NAME" requires API version
/// X, but the Docker daemon API version is Y`. Flags without a minimum are not checked.
func requireAPIVersions(of flags: [(name: String, minimumAPI: APIVersion?)], client: DockerClient) async throws {
    let gated = flags.compactMap { flag in flag.minimumAPI.map { (name: flag.name, minimum: $0) } }.sorted { $0.name < $1.name }
    guard !gated.isEmpty else { return }
    let current = try await client.apiVersion()
    let refusals = gated.filter { current < $0.minimum }.map { flag in
        "\"--\(flag.name)\" requires API version \(flag.minimum), but the Docker daemon API version is \(current)"
    }
    guard refusals.isEmpty else { throw CommandFailure(description: refusals.joined(separator: "\n")) }
}
