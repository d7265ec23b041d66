import NIOCore

/// Options of ``DockerClient/Exec/run(_:in:options:)``: the `ExecConfig` fields a caller sets
/// when running a command, plus its stdin and an output limit.
public struct ExecRunOptions: Hashable, Sendable {
    /// `Env`: `NAME=value` entries added to the container's environment (API ≥ 1.25).
    public var env: [String]?
    /// `User`: `user`, `user:group`, `uid` or `uid:gid`; the container's user when `nil`.
    public var user: String?
    /// `WorkingDir`: the container's working directory when `nil`.
    public var workingDir: String?
    /// `Privileged`: extended privileges (default `false`).
    public var privileged: Bool
    /// `Tty`: run with a TTY (default `false`); stdout and stderr are then one stream, collected
    /// as stdout.
    public var tty: Bool
    /// Bytes written to the process's stdin, which is then closed; `nil` (the default) attaches
    /// no stdin. `Array("text".utf8)` for text, `Array(data)` for a `Data`.
    public var stdin: [UInt8]?
    /// The most bytes collected from each of stdout and stderr (default 64 MiB); more throws
    /// ``DockerError/Category/limitExceeded``.
    public var maxOutputBytes: Int

    public init(
        env: [String]? = nil,
        user: String? = nil,
        workingDir: String? = nil,
        privileged: Bool = false,
        tty: Bool = false,
        stdin: [UInt8]? = nil,
        maxOutputBytes: Int = 64 << 20
    ) {
        self.env = env
        self.user = user
        self.workingDir = workingDir
        self.privileged = privileged
        self.tty = tty
        self.stdin = stdin
        self.maxOutputBytes = maxOutputBytes
    }
}

/// What ``DockerClient/Exec/run(_:in:options:)`` returns.
public struct ExecResult: Hashable, Sendable {
    /// The process's exit code.
    public var exitCode: Int
    /// Its stdout and stderr.
    public var output: CollectedOutput

    public init(exitCode: Int, output: CollectedOutput) {
        self.exitCode = exitCode
        self.output = output
    }
}

extension DockerClient.Exec {
    /// Runs `command` in a running container and collects its exit code, stdout and stderr,
    /// like `docker exec`: create, start attached, write `options.stdin` and close it, read the
    /// output to its end, then read the exit code.
    public func run(_ command: [String], in container: String, options: ExecRunOptions = .init()) async throws -> ExecResult {
        let config = ExecConfig(
            attachStdin: options.stdin != nil, attachStdout: true, attachStderr: true, tty: options.tty,
            env: options.env, cmd: command, privileged: options.privileged, user: options.user, workingDir: options.workingDir)
        // Nothing of the caller's runs between the create, the start, the reading and the
        // inspect: all of it stays on the client's event loop.
        let (output, exitCode) = try await self.client.onEventLoop {
            try await self.collectingRun(config, in: container, options: options)
        }
        return ExecResult(exitCode: exitCode, output: output)
    }

    /// ``withRun(_:in:_:)`` with `options.stdin` written and the output collected.
    private func collectingRun(
        _ config: ExecConfig, in container: String, options: ExecRunOptions
    ) async throws -> (result: CollectedOutput, exitCode: Int) {
        try await self.withRun(config, in: container) { streams in
            guard let stdin = options.stdin else { return try await streams.output.collect(upTo: options.maxOutputBytes) }
            return try await withThrowingTaskGroup(of: Void.self) { group in
                // Written beside the reading, so that a process that writes before it has read
                // all of its input cannot deadlock with us. A process may also end without
                // reading it all (`true`): the write then fails, or waits until the connection
                // closes. docker ignores that too; the output and the exit code tell the story.
                group.addTask {
                    do {
                        if !stdin.isEmpty { try await streams.write(stdin) }
                        try await streams.closeWrite()
                    } catch {}
                }
                let collected: CollectedOutput
                do {
                    collected = try await streams.output.collect(upTo: options.maxOutputBytes)
                } catch {
                    await streams.close()
                    throw error
                }
                // The output ended: the process is gone, and a write it left waiting ends here.
                await streams.close()
                return collected
            }
        }
    }

    /// The streaming form of ``DockerClient/Exec/run(_:in:options:)``: creates an exec from `config`, starts it
    /// attached, runs `body` with its stdio, closes the connection, and returns `body`'s result
    /// with the process's exit code. `body` should read ``AttachedStreams/output`` to its end
    /// (the process's end); the exit code is read after `body` returns.
    public func withRun<Result>(
        _ config: ExecConfig,
        in container: String,
        _ body: (AttachedStreams) async throws -> Result
    ) async throws -> (result: Result, exitCode: Int) {
        let id = try await self.create(config, in: container)
        let result = try await self.withAttach(id, options: ExecStartOptions(tty: config.tty ?? false), body)
        return (result, try await self.waitForExit(id))
    }
}
