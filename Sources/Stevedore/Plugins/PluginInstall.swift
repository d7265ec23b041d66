#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Options of ``DockerClient/Plugins/install(_:options:)`` (`POST /plugins/pull`).
public struct PluginInstallOptions: Hashable, Sendable {
    /// `name`: the local name (`docker plugin install --alias`); `:latest` is added without a
    /// tag. Default: `nil`, the remote's own name.
    public var name: String?
    /// The privileges granted: exactly what ``DockerClient/Plugins/privileges(_:credentials:)``
    /// returned, or the daemon refuses ("incorrect privileges"). Default: none.
    public var privileges: [PluginPrivilege]
    /// Credentials for the registry (`X-Registry-Auth`).
    public var credentials: RegistryAuth?

    public init(name: String? = nil, privileges: [PluginPrivilege] = [], credentials: RegistryAuth? = nil) {
        self.name = name
        self.privileges = privileges
        self.credentials = credentials
    }
}

extension DockerClient.Plugins {
    /// `POST /plugins/pull`: installs the plugin image `remote` (`[host/]name[:tag]`),
    /// disabled, and returns the daemon's progress (`Pulling from …`, per-layer messages);
    /// ``ProgressStream/finish()`` waits for the end. Its local name is
    /// ``localName(_:)`` of `options.name`, else of `remote`.
    ///
    /// Errors: the name taken throws ``DockerError/Category/invalidArgument`` ("plugin … already
    /// exists"); privileges other than those asked for fail the stream ("incorrect
    /// privileges") and nothing is installed.
    public func install(_ remote: String, options: PluginInstallOptions = .init()) async throws -> ProgressStream {
        var query = QueryItems()
        query.add("remote", try ImageName(parsing: remote).description)
        query.add("name", try options.name.map(Self.localName))
        var request = DockerRequest(.POST, "/plugins/pull", query: query, body: try self.client.jsonBody(options.privileges))
        request.addRegistryAuth(options.credentials)
        return try await self.client.progressStream(request)
    }

    /// The local name a plugin installed from `reference` gets: its familiar name with a tag
    /// (`vieux/sshfs:latest`, `127.0.0.1:5000/team/p:1`). Throws
    /// ``DockerError/Category/invalidInput`` for a reference that does not parse or has a digest.
    public static func localName(_ reference: String) throws -> String {
        let name = try ImageName(parsing: reference)
        guard name.digest == nil else { throw DockerError.invalidInput("cannot use digest in plugin tag: \(reference)") }
        return "\(name.familiarName):\(name.tag ?? "latest")"
    }
}
