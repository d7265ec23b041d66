/// Options of ``DockerClient/Containers/run(_:options:)``.
public struct ContainerRunOptions: Hashable, Sendable {
    /// The container's name and platform, as for create.
    public var create: ContainerCreateOptions
    /// Remove the container (and its anonymous volumes) once it has exited, or when running it
    /// fails after it was created (`docker run --rm`, done by the client). Default: `false`.
    public var removeWhenDone: Bool

    public init(create: ContainerCreateOptions = .init(), removeWhenDone: Bool = false) {
        self.create = create
        self.removeWhenDone = removeWhenDone
    }
}

/// What ``DockerClient/Containers/run(_:options:)`` returns.
public struct ContainerRunResult: Hashable, Sendable {
    /// The container's id (already removed with ``ContainerRunOptions/removeWhenDone``).
    public var id: String
    /// The daemon's warnings from create.
    public var warnings: [String]
    /// The exit code, and the daemon's wait error if any.
    public var exit: ContainerWaitResponse
}

extension DockerClient.Containers {
    /// Creates, starts and waits for a container, as `docker run` without attaching: the wait
    /// for the next exit is registered before the start (so even an instant exit is seen),
    /// then the container is removed when ``ContainerRunOptions/removeWhenDone`` asks (or the
    /// daemon does it, with `HostConfig.AutoRemove`).
    ///
    /// A failure after the container was created (it cannot start, the wait breaks, the task is
    /// cancelled) removes it with ``ContainerRunOptions/removeWhenDone``, then throws; otherwise
    /// the container is left for inspection.
    public func run(_ body: ContainerCreateBody, options: ContainerRunOptions = .init()) async throws -> ContainerRunResult {
        let created = try await self.create(body, options: options.create)
        let id = created.id
        let autoRemove = body.hostConfig?.autoRemove == true
        do {
            let condition: ContainerWaitOptions.Condition = autoRemove ? .removed : .nextExit
            let pending = try await self.registerWait(id, options: .init(condition: condition))
            try await self.start(id)
            let exit = try await pending.result()
            if options.removeWhenDone && !autoRemove {
                try await self.remove(id, options: .init(removeVolumes: true))
            }
            return ContainerRunResult(id: id, warnings: created.warnings ?? [], exit: exit)
        } catch {
            if options.removeWhenDone {
                // In a task of its own: when this one was cancelled, the removal must still run.
                await Task { try? await self.remove(id, options: .init(removeVolumes: true, force: true)) }.value
            }
            throw error
        }
    }
}
