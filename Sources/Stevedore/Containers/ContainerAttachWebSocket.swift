extension DockerClient.Containers {
    /// `GET /containers/{id}/attach/ws`: attaches over a websocket instead of a hijacked
    /// connection, on the same transports (unix socket included). The caller must close the
    /// returned streams; prefer ``DockerClient/Containers/withAttachWebSocket(_:options:_:)``.
    ///
    /// The daemon never multiplexes a websocket attach: stdout and stderr arrive together as
    /// `.console` chunks, one per binary frame. Writes go out as binary frames.
    /// ``AttachedStreams/closeWrite()`` sends a close frame (a websocket cannot half-close),
    /// which gives the container stdin EOF under the same rule as attach, and ends the output.
    public func attachWebSocket(_ id: String, options: ContainerAttachOptions = .init()) async throws -> AttachedStreams {
        let path = try ObjectPath.container(id, "/attach/ws")
        let tty = try await self.inspect(id).config?.tty ?? false
        var request = DockerRequest(.GET, path, query: options.query)
        for (name, value) in WebSocketConnection.handshakeHeaders() {
            request.headers.add(name: name, value: value)
        }
        let hijacked = try await self.client.hijack(request, upgradeProtocol: "websocket")
        let connection: WebSocketConnection
        do {
            connection = try WebSocketConnection(connection: hijacked)
        } catch {
            await hijacked.close()
            throw error
        }
        return AttachedStreams(
            output: ContainerOutput(connection.output, framing: .raw, host: self.client.configuration.host),
            tty: tty,
            connection: connection,
            resizer: { height, width in try await self.resize(id, height: height, width: width) },
            host: self.client.configuration.host
        )
    }

    /// Attaches over a websocket, runs `body`, and closes the connection when `body` returns,
    /// throws or is cancelled.
    public func withAttachWebSocket<Result>(
        _ id: String,
        options: ContainerAttachOptions = .init(),
        _ body: (AttachedStreams) async throws -> Result
    ) async throws -> Result {
        try await self.client.withClosing(try await self.attachWebSocket(id, options: options), body)
    }
}
