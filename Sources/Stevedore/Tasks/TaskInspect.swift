#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerClient.Tasks {
    /// `GET /tasks/{id}`: the task with this id. A missing task throws
    /// ``DockerError/Category/notFound``.
    public func inspect(_ id: String) async throws -> DockerTask {
        try await self.inspectWithRaw(id).value
    }

    /// ``inspect(_:)``, with the daemon's JSON as it sent it (for printing it as `docker
    /// inspect` does, or reading a field the models do not know).
    public func inspectWithRaw(_ id: String) async throws -> (value: DockerTask, raw: Data) {
        try await self.client.decodeWithRaw(DockerTask.self, from: DockerRequest(.GET, try ObjectPath.task(id)))
    }
}
