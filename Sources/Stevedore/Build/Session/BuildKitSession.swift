import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOPosix
import StevedoreTransport
import SwiftProtobuf

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A BuildKit session: `POST /session` upgraded to `h2c`, on which the daemon is a gRPC
/// client and Stevedore serves what the build asks for. Offered: the health check (the daemon
/// closes a session that stops answering it), file sync of the named local directories
/// (``FileSyncSender``), registry credentials for the daemon's pulls, and, when the build has
/// them, its secrets, its ssh agents (``SSHAgentForwarder``) and the receiver of its exported
/// files (``FileSendReceiver``).
///
/// The hijacked connection is relayed through a socket pair to an HTTP/2 server channel, each
/// stream of which is one gRPC call (``GRPCServerStreamHandler``). The session lives until
/// ``close()``; the build whose progress stream it belongs to closes it when the stream ends
/// or is dropped.
final class BuildKitSession: Sendable {
    /// The methods offered, as the session's `X-Docker-Expose-Session-Grpc-Method` headers list them.
    static let healthCheck = "/grpc.health.v1.Health/Check"
    static let diffCopy = "/moby.filesync.v1.FileSync/DiffCopy"
    static let getSecret = "/moby.buildkit.secrets.v1.Secrets/GetSecret"
    static let credentials = "/moby.filesync.v1.Auth/Credentials"
    static let checkAgent = "/moby.sshforward.v1.SSH/CheckAgent"
    static let forwardAgent = "/moby.sshforward.v1.SSH/ForwardAgent"
    static let fileSend = "/moby.filesync.v1.FileSend/DiffCopy"

    /// The HTTP/2 flow control windows the session offers the daemon.
    static let windowSize = 1 << 20

    /// What the build names it by (`session=` of `POST /build`).
    let id: String
    private let relay: Task<Void, Never>

    private init(id: String, relay: Task<Void, Never>) {
        self.id = id
        self.relay = relay
    }

    deinit {
        self.relay.cancel()
    }

    /// Ends the session: the connection closes and calls in progress end.
    func close() {
        self.relay.cancel()
    }

    /// Opens a session on `client`'s daemon that serves `directories` (by the names the build
    /// asks for: `context`, `dockerfile`), the options' secrets, ssh agents, export and
    /// registry credentials. `sharedKey` lets the daemon reuse what an earlier session of the
    /// same directory sent.
    static func open(
        client: DockerClient, directories: [String: FileSyncSender.Source], options: ImageBuildOptions, name: String, sharedKey: String
    ) async throws -> BuildKitSession {
        let id = UUID().uuidString.lowercased()
        let secrets = options.secrets
        let registryCredentials = options.registryCredentials
        var agents: [String: SSHAgentForwarder.Agent] = [:]
        for agent in options.sshAgents {
            guard agents[agent.id] == nil else { throw DockerError.invalidInput("ssh agent \(agent.id) is given twice") }
            agents[agent.id] = try agent.resolved()
        }
        let forwarder = SSHAgentForwarder(agents: agents)
        var request = DockerRequest(.POST, "/session")
        request.headers.add(name: "X-Docker-Expose-Session-Uuid", value: id)
        request.headers.add(name: "X-Docker-Expose-Session-Name", value: name)
        request.headers.add(name: "X-Docker-Expose-Session-Sharedkey", value: sharedKey)
        var offered = [Self.healthCheck, Self.diffCopy, Self.credentials]
        if !secrets.isEmpty { offered.append(Self.getSecret) }
        if !agents.isEmpty { offered += [Self.checkAgent, Self.forwardAgent] }
        if options.export != nil { offered.append(Self.fileSend) }
        for method in offered {
            request.headers.add(name: "X-Docker-Expose-Session-Grpc-Method", value: method)
        }
        let connection = try await client.hijack(request, upgradeProtocol: "h2c")
        var methods: [String: GRPCServerStreamHandler.Method] = [
            Self.healthCheck: { call in
                var response = Grpc_Health_V1_HealthCheckResponse()
                response.status = .serving
                try await call.send(try response.serializedBytes() as [UInt8])
                try await call.finish()
            },
            Self.diffCopy: Self.offTheEventLoop { call in
                let name = call.metadata["dir-name"].first ?? ""
                guard let root = directories[name] else {
                    try await call.finish(status: 5, message: "no directory named \(name) in this session")
                    return
                }
                var metadata: [String: [String]] = [:]
                for key in ["include-patterns", "exclude-patterns", "followpaths"] {
                    // Values with other than ASCII come query-escaped, and `KEY-encoded: 1` says so.
                    let encoded = call.metadata["\(key)-encoded"].first == "1"
                    metadata[key] = call.metadata[key].map { value in
                        encoded ? (Self.queryUnescaped(value) ?? value) : value
                    }
                }
                try await FileSyncSender(root, metadata: metadata).run(call)
            },
            Self.credentials: { call in
                let request = try Moby_Filesync_V1_CredentialsRequest(serializedBytes: Array(try await call.request().readableBytesView))
                // None for the registry is an empty answer: the daemon then pulls anonymously.
                var response = Moby_Filesync_V1_CredentialsResponse()
                let key = RegistryHost.configKey(for: request.host)
                if let auth = registryCredentials[key]
                    ?? registryCredentials.first(where: { RegistryHost.configKey(for: $0.key) == key })?.value
                {
                    if let token = auth.identityToken {
                        response.secret = token
                    } else {
                        response.username = auth.username ?? ""
                        response.secret = auth.password ?? ""
                    }
                }
                try await call.send(try response.serializedBytes() as [UInt8])
                try await call.finish()
            },
            Self.getSecret: { call in
                let request = try Moby_Buildkit_Secrets_V1_GetSecretRequest(
                    serializedBytes: Array(try await call.request().readableBytesView))
                // Status 5 (not found) is how BuildKit learns that a secret is not offered.
                guard let secret = secrets.last(where: { $0.id == request.id }) else {
                    return try await call.finish(status: 5, message: "secret \(request.id) not found")
                }
                var response = Moby_Buildkit_Secrets_V1_GetSecretResponse()
                response.data = Data(try secret.value())
                try await call.send(try response.serializedBytes() as [UInt8])
                try await call.finish()
            },
            Self.checkAgent: forwarder.check,
            Self.forwardAgent: forwarder.forward,
        ]
        if let export = options.export {
            methods[Self.fileSend] = Self.offTheEventLoop(FileSendReceiver(export: export).run)
        }
        let relay: Task<Void, Never>
        do {
            let (server, peer) = try await Self.serverChannel(methods: methods)
            // On the client's event loop, not Swift's shared pool: dockerd 20.10 drops a session
            // whose health check is unanswered for 10 s, which a busy pool (the user's own work)
            // would cause.
            relay = Task(executorPreference: client.taskExecutor) {
                await Self.relayBytes(connection, peer)
                try? await server.close()
            }
        } catch {
            await connection.close()
            throw error
        }
        return BuildKitSession(id: id, relay: relay)
    }

    /// `method`, run on Swift's shared pool rather than the event loop the session's calls
    /// start on: for those that block on files (walking and reading a context, writing an
    /// export, possibly to a pipe whose reader is slow), which would hold up the loop's other
    /// work, the health checks the daemon drops the session without among it.
    private static func offTheEventLoop(_ method: @escaping GRPCServerStreamHandler.Method) -> GRPCServerStreamHandler.Method {
        { call in try await withTaskExecutorPreference(globalConcurrentExecutor) { try await method(call) } }
    }

    /// An HTTP/2 server channel on one end of a new socket pair, and the other end to relay
    /// the daemon's bytes through.
    private static func serverChannel(
        methods: [String: GRPCServerStreamHandler.Method]
    ) async throws -> (server: any Channel, peer: NIOAsyncChannel<ByteBuffer, ByteBuffer>) {
        var descriptors: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, streamSocketType, 0, &descriptors) == 0 else {
            throw DockerError(
                category: .connection, message: "cannot make a socket pair for the session: \(String(cString: strerror(errno)))")
        }
        let group = MultiThreadedEventLoopGroup.singleton
        // The peer is the daemon the client chose, not an untrusted client: its gRPC pings
        // (one per burst of data, to size its windows) are answered however many come, where
        // NIOHTTP2's default would end the session after 200 in 30 seconds.
        var connection = NIOHTTP2Handler.ConnectionConfiguration()
        connection.controlFrameRateLimit.maximumCount = .max
        // Windows of 1 MiB: files come and go in 32 KiB messages, several in flight.
        connection.targetWindowSize = Self.windowSize
        var stream = NIOHTTP2Handler.StreamConfiguration()
        stream.targetWindowSize = Self.windowSize
        // Each descriptor is the channel's once its bootstrap has it (NIO closes it when the
        // channel's set-up fails); what is made before a failure is closed here.
        let server: any Channel
        do {
            server = try await ClientBootstrap(group: group)
                .channelInitializer { [connection, stream] channel in
                    channel.configureHTTP2Pipeline(mode: .server, connectionConfiguration: connection, streamConfiguration: stream) {
                        stream in
                        stream.eventLoop.makeCompletedFuture {
                            try stream.pipeline.syncOperations.addHandlers(
                                HTTP2FramePayloadToHTTP1ServerCodec(), GRPCServerStreamHandler(methods: methods))
                        }
                    }.map { _ in }
                }
                .withConnectedSocket(descriptors[0]).get()
        } catch {
            systemClose(descriptors[1])
            throw error
        }
        do {
            let peer = try await ClientBootstrap(group: group).withConnectedSocket(descriptors[1]) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
            return (server, peer)
        } catch {
            try? await server.close()
            throw error
        }
    }

    /// Copies bytes both ways between the daemon's connection and the server's socket until
    /// either side ends or the task is cancelled; then closes both.
    private static func relayBytes(_ connection: HijackedConnection, _ peer: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        try? await peer.executeThenClose { inbound, outbound in
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await bytes in connection.output { try await outbound.write(bytes) }
                    } catch {}
                }
                group.addTask {
                    do {
                        for try await bytes in inbound { try await connection.write(bytes) }
                    } catch {}
                }
                // Either direction ending ends the session.
                await group.next()
                group.cancelAll()
            }
        }
        await connection.close()
    }

    /// `value` decoded as Go's `url.QueryUnescape` decodes it (`+` is a space, `%XX` a byte);
    /// nil when an escape is malformed or the bytes are not UTF-8.
    static func queryUnescaped(_ value: String) -> String? {
        func hexDigit(_ byte: UInt8?) -> UInt8? {
            switch byte {
            case let byte? where (0x30...0x39).contains(byte): byte - 0x30
            case let byte? where (0x41...0x46).contains(byte): byte - 0x37
            case let byte? where (0x61...0x66).contains(byte): byte - 0x57
            default: nil
            }
        }
        var bytes: [UInt8] = []
        var iterator = value.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = hexDigit(iterator.next()), let low = hexDigit(iterator.next()) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
