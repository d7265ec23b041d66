import NIOCore
import StevedoreTransport

/// A live connection to a container's or an exec process's stdio: what attach and an attached
/// exec start return. ``output`` is what the process writes; the `write` methods feed its
/// stdin; ``closeWrite()`` ends its stdin; ``close()`` ends everything.
///
/// Who closes what: the connection stays open until ``close()`` is called, ``output``'s
/// iteration is left early or cancelled, or both directions have ended (``closeWrite()`` and
/// the daemon's end of ``output``, in either order). The end of ``output`` alone leaves the
/// write side open, since the process may still read its stdin: call ``close()`` when done.
/// The scoped forms (``DockerClient/Containers/withAttach(_:options:startingContainer:_:)``,
/// ``DockerClient/Exec/withAttach(_:options:_:)``) close it when their body returns or throws,
/// so prefer them.
///
/// The daemon's stdin-EOF rule: after ``closeWrite()`` (the client's EOF), a container attach
/// closes the container's stdin only when the container has no TTY and was created with
/// `OpenStdin` and `StdinOnce`; the process then sees EOF and ``output`` goes on until it
/// exits. Otherwise the daemon ends the attach (``output`` ends) and the container keeps
/// running with its stdin open. An exec process with `AttachStdin` sees EOF on its stdin in
/// every case.
public struct AttachedStreams: Sendable {
    /// What the process writes, in the framing the daemon uses for it.
    public let output: ContainerOutput
    /// Whether the process has a TTY (its output is then ``StreamFraming/raw`` and it can be
    /// resized).
    public let tty: Bool
    let connection: any StreamConnection
    let resizer: @Sendable (_ height: Int, _ width: Int) async throws -> Void
    let host: DockerHost

    /// Writes `bytes` to the process's stdin, returning once they were handed to the socket
    /// (a process that does not read slows the writer down).
    public func write(_ bytes: ByteBuffer) async throws {
        do {
            try await self.connection.write(bytes)
        } catch {
            throw DockerError.wrapping(error, host: self.host)
        }
    }

    /// Writes `bytes` (an `[UInt8]`, a `Data`, a slice…) to the process's stdin.
    public func write<Bytes: Sequence<UInt8>>(_ bytes: Bytes) async throws {
        try await self.write(ByteBuffer(bytes: bytes))
    }

    /// Writes `text` as UTF-8 to the process's stdin.
    public func write(_ text: String) async throws {
        try await self.write(ByteBuffer(string: text))
    }

    /// Writes every buffer of `input` to stdin, in order; then, when `closingWrite`, ends stdin
    /// with ``closeWrite()``.
    public func write<Input: AsyncSequence>(contentsOf input: Input, closingWrite: Bool = true) async throws
    where Input.Element == ByteBuffer {
        for try await bytes in input where bytes.readableBytes > 0 {
            try await self.write(bytes)
        }
        if closingWrite { try await self.closeWrite() }
    }

    /// Writes every chunk of `input` (byte arrays) to stdin, as the `ByteBuffer` variant does.
    public func write<Input: AsyncSequence>(contentsOf input: Input, closingWrite: Bool = true) async throws
    where Input.Element == [UInt8] {
        try await self.write(contentsOf: input.map { ByteBuffer(bytes: $0) }, closingWrite: closingWrite)
    }

    /// Half-closes the connection: the daemon reads EOF on stdin (see the rule above) while
    /// ``output`` goes on. Closing twice is not an error.
    public func closeWrite() async throws {
        do {
            try await self.connection.closeWrite()
        } catch {
            throw DockerError.wrapping(error, host: self.host)
        }
    }

    /// Closes the connection both ways; ``output`` ends. The process keeps running.
    public func close() async {
        await self.connection.close()
    }

    /// Sets the size of the process's TTY (`POST /containers/{id}/resize` or
    /// `POST /exec/{id}/resize`). The daemon refuses it for a process without a TTY.
    public func resize(height: Int, width: Int) async throws {
        try await self.resizer(height, width)
    }
}

/// The byte duplex under ``AttachedStreams``: a hijacked HTTP connection or a websocket.
protocol StreamConnection: Sendable {
    func write(_ bytes: ByteBuffer) async throws
    func closeWrite() async throws
    func close() async
}

extension HijackedConnection: StreamConnection {}

extension DockerClient {
    /// Sends `request` as an upgrade to a raw duplex (attach, exec start), or to
    /// `upgradeProtocol`. A refusal (e.g. 404, 409) is thrown as the daemon's error.
    func hijack(_ request: DockerRequest, upgradeProtocol: String = "tcp") async throws -> HijackedConnection {
        var request = request
        request.isStream = true
        do {
            // Connecting and the exchange of heads run on the connection's loop (see
            // ``exchange(_:reading:)``); the streams are then read from the caller's executor.
            let outcome = try await withTaskExecutorPreference(self.transport.taskExecutor) {
                try await self.transport.hijack(self.makeHTTPRequest(request), upgradeProtocol: upgradeProtocol)
            }
            switch outcome {
            case .upgraded(let connection):
                return connection
            case .refused(let response):
                try await self.throwIfError(response)
                throw DockerError.malformedResponse("the daemon answered an upgrade request with status \(response.status.code)")
            }
        } catch {
            throw DockerError.wrapping(error, host: self.configuration.host)
        }
    }

    /// The streams of a hijacked attach or exec start, framed as the daemon's answer says, or
    /// as `tty` (asked only when the answer does not say) tells.
    func attachedStreams(
        _ connection: HijackedConnection,
        tty: () async throws -> Bool,
        resizer: @escaping @Sendable (_ height: Int, _ width: Int) async throws -> Void
    ) async throws -> AttachedStreams {
        let framing: StreamFraming
        do {
            framing = try await StreamFraming.of(
                contentType: connection.head.headers.first(name: "Content-Type"), apiVersion: try await self.apiVersion(), tty: tty)
        } catch {
            await connection.close()
            throw error
        }
        return AttachedStreams(
            output: ContainerOutput(connection.output, framing: framing, host: self.configuration.host),
            tty: framing == .raw, connection: connection, resizer: resizer, host: self.configuration.host)
    }

    /// Runs `body` with `streams`, closing them when it returns, throws or is cancelled.
    func withClosing<Result>(_ streams: AttachedStreams, _ body: (AttachedStreams) async throws -> Result) async throws -> Result {
        let result: Result
        do {
            result = try await body(streams)
        } catch {
            await streams.close()
            throw error
        }
        await streams.close()
        return result
    }
}
