#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Exec {
    /// `GET /exec/{id}/json`: whether the exec process runs, its exit code once it ended, its
    /// pid and process configuration.
    public func inspect(_ id: String) async throws -> ExecInspectResponse {
        try await self.inspectWithRaw(id).value
    }

    /// ``DockerClient/Exec/inspect(_:)``, with the daemon's JSON as it sent it (every field, `null`s included, in
    /// its order): for printing what the daemon said, as `docker inspect` does, or reading a
    /// field the models do not know.
    public func inspectWithRaw(_ id: String) async throws -> (value: ExecInspectResponse, raw: Data) {
        try await self.client.decodeWithRaw(ExecInspectResponse.self, from: DockerRequest(.GET, try ObjectPath.exec(id, "/json")))
    }
}
