/// Options of ``DockerClient/Containers/run(_:options:pullProgress:)`` and
/// ``DockerClient/Containers/withRun(_:options:pullProgress:onCreate:_:)``.
public struct ContainerRunOptions: Hashable, Sendable {
    /// The container's name, platform and pull policy, as for create.
    public var create: ContainerCreateOptions
    /// Remove the container (and its anonymous volumes) once it has exited, or when running it
    /// fails after it was created (`docker run --rm`, done by the client). Default: `false`.
    /// `HostConfig.AutoRemove` asks the daemon instead; see ``DockerClient/Containers/run(_:options:pullProgress:)``.
    public var removeWhenDone: Bool
    /// `detachKeys` of the attach in ``DockerClient/Containers/withRun(_:options:pullProgress:onCreate:_:)``:
    /// the keys that detach from a TTY without stopping the container (`ctrl-p,ctrl-q` when `nil`).
    public var detachKeys: String?

    public init(create: ContainerCreateOptions = .init(), removeWhenDone: Bool = false, detachKeys: String? = nil) {
        self.create = create
        self.removeWhenDone = removeWhenDone
        self.detachKeys = detachKeys
    }
}

/// What ``DockerClient/Containers/run(_:options:pullProgress:)`` returns.
public struct ContainerRunResult: Hashable, Sendable {
    /// The container's id (already removed with ``ContainerRunOptions/removeWhenDone`` or
    /// `AutoRemove`).
    public var id: String
    /// The daemon's warnings from create.
    public var warnings: [String]
    /// The exit code, and the daemon's wait error if any.
    public var exit: ContainerWaitResponse

    /// The container's exit code (``exit``'s `statusCode`), as ``ExecResult/exitCode`` is an exec's.
    public var exitCode: Int { self.exit.statusCode }
}

extension DockerClient.Containers {
    /// Creates, starts and waits for a container, as `docker run --detach=false` without
    /// attaching: the image is pulled as ``ContainerCreateOptions/pull`` says (seen by
    /// `pullProgress`), the wait is registered before the start (so even an instant exit is
    /// seen), and the container is removed once it has exited when
    /// ``ContainerRunOptions/removeWhenDone`` asks; with `HostConfig.AutoRemove` the daemon
    /// removes it and the wait lasts until it is gone.
    ///
    /// A failure after the container was created (it cannot start, the wait breaks, the task is
    /// cancelled) force-removes it with ``ContainerRunOptions/removeWhenDone``, and with
    /// `AutoRemove` when it never started (the daemon removes only a container that ran); then
    /// throws. Otherwise the container is left for inspection.
    public func run(
        _ body: ContainerCreateBody,
        options: ContainerRunOptions = .init(),
        pullProgress: ImagePullProgressHandler? = nil
    ) async throws -> ContainerRunResult {
        let run = { try await self.run(body, options: options, pullProgress: pullProgress) { _, start in try await start() }.run }
        // Without a progress handler nothing of the caller's runs between the create, the wait,
        // the start and the removal: all of it stays on the client's event loop. A handler may
        // block, so with one the requests return to the caller's executor as usual.
        return pullProgress == nil ? try await self.client.onEventLoop(run) : try await run()
    }

    /// The attached form of ``DockerClient/Containers/run(_:options:pullProgress:)``, as
    /// `docker run` in the foreground: attaches to the streams the body asks for (stdin when
    /// `AttachStdin` is `true`; stdout and stderr unless `AttachStdout`/`AttachStderr` are
    /// `false`) before the start, so `handler` sees the output from its first byte, runs
    /// `handler` with the create's answer (the id and the daemon's warnings) and the streams,
    /// closes the connection, then waits for the exit.
    ///
    /// For a process that reads stdin to its end, create it with `OpenStdin` and `StdinOnce`
    /// and call ``AttachedStreams/closeWrite()`` after writing. `handler` should read
    /// ``AttachedStreams/output`` to its end (the process's end); if it returns while the
    /// container still runs, this call waits until it exits. Removal and failures are as for
    /// `run`.
    ///
    /// `onCreate` runs once the container exists, before the attach and the start, with the
    /// create's answer: where `docker run` prints the daemon's warnings (which a start failure
    /// would otherwise hide) and writes its `--cidfile`. An error it throws fails the run as a
    /// failed start does.
    public func withRun<Result>(
        _ body: ContainerCreateBody,
        options: ContainerRunOptions = .init(),
        pullProgress: ImagePullProgressHandler? = nil,
        onCreate: (_ container: ContainerCreateResponse) async throws -> Void = { _ in },
        _ handler: (_ container: ContainerCreateResponse, _ streams: AttachedStreams) async throws -> Result
    ) async throws -> (result: Result, run: ContainerRunResult) {
        let attach = ContainerAttachOptions(
            stdin: body.attachStdin ?? false, stdout: body.attachStdout ?? true, stderr: body.attachStderr ?? true,
            detachKeys: options.detachKeys)
        return try await self.run(body, options: options, pullProgress: pullProgress) { created, start in
            try await onCreate(created)
            return try await self.withAttach(created.id, options: attach) { streams in
                try await start()
                return try await handler(created, streams)
            }
        }
    }

    /// Creates the container, registers the wait, runs `use` with the create's answer and the
    /// start (which `use` must call), waits, and removes as the options and `AutoRemove` say.
    private func run<Result>(
        _ body: ContainerCreateBody,
        options: ContainerRunOptions,
        pullProgress: ImagePullProgressHandler?,
        _ use: (_ container: ContainerCreateResponse, _ start: () async throws -> Void) async throws -> Result
    ) async throws -> (result: Result, run: ContainerRunResult) {
        let created = try await self.create(body, options: options.create, pullProgress: pullProgress)
        let id = created.id
        let autoRemove = body.hostConfig?.autoRemove == true
        var started = false
        do {
            let pending = try await self.registerWait(id, condition: autoRemove ? .removed : .nextExit)
            let result = try await use(created) {
                try await self.start(id)
                started = true
            }
            let exit = try await pending.result()
            if options.removeWhenDone && !autoRemove {
                try await self.remove(id, options: .init(removeVolumes: true))
            }
            return (result, ContainerRunResult(id: id, warnings: created.warnings ?? [], exit: exit))
        } catch {
            if options.removeWhenDone || (autoRemove && !started) {
                await self.removeAbandoned(id)
            }
            throw error
        }
    }
}
