import Stevedore

/// `--platform` of the image commands that pick variants of a multi-platform image (`push`,
/// `image rm`, `save`, `load`, `history`, `image inspect`). Unlike the commands that make
/// something (``platformFlag(_:)``), they have no `DOCKER_DEFAULT_PLATFORM` default.
struct ImagePlatformFlag {
    /// Whether the flag is on the command line at all, even empty: docker's API version check
    /// looks at that.
    var isGiven: Bool
    /// The specifiers given, empty ones dropped.
    var specifiers: [String]

    /// A flag taking one specifier (all but `image rm`).
    init(single given: String?) {
        self.isGiven = given != nil
        self.specifiers = given.map { $0.isEmpty ? [] : [$0] } ?? []
    }

    /// A string slice flag (`image rm`): repeated or comma-separated; refused as pflag refuses
    /// a malformed value.
    init(slice given: [String]) throws {
        self.isGiven = !given.isEmpty
        self.specifiers = try FlagValue.stringSlice(given, for: "--platform")
    }

    /// Refuses a daemon older than `minimumAPI` when the flag is given, as docker does before
    /// running the command.
    func requireAPIVersion(_ minimumAPI: APIVersion, client: DockerClient) async throws {
        guard self.isGiven else { return }
        try await requireAPIVersions(of: [(name: "platform", minimumAPI: minimumAPI)], client: client)
    }

    /// The specifiers read with ``OCIPlatform/init(parsing:)``; a malformed one fails with
    /// `describe`'s wording of the parser's message (docker's commands word it differently).
    func platforms(describe: (_ specifier: String, _ reason: String) -> String = { $1 }) throws -> [OCIPlatform] {
        try self.specifiers.map { specifier in
            do {
                return try OCIPlatform(parsing: specifier)
            } catch let error as DockerError {
                throw CommandFailure(description: describe(specifier, error.message))
            }
        }
    }

    /// ``requireAPIVersion(_:client:)``, then ``platforms(describe:)``: the order of the
    /// commands that read the flag first.
    func platforms(
        minimumAPI: APIVersion, client: DockerClient, describe: (_ specifier: String, _ reason: String) -> String = { $1 }
    ) async throws -> [OCIPlatform] {
        try await self.requireAPIVersion(minimumAPI, client: client)
        return try self.platforms(describe: describe)
    }
}
