import Foundation
import NIOCore
import NIOPosix

/// Serves `/moby.sshforward.v1.SSH/ForwardAgent` calls: each is one connection a build step
/// made to its mounted agent socket. The step's bytes (`BytesMessage`s) go to a new connection
/// to the agent's socket through ``SSHAgentRequestFilter``, the agent's answers come back.
/// The call ends when the agent closes its side, or when the step closes its side and the
/// agent has answered.
struct SSHAgentForwarder: Sendable {
    /// The socket of each agent, by id.
    let sockets: [String: String]

    /// `CheckAgent`: whether an agent of the requested id is offered. An unknown one is
    /// status 2 with BuildKit's message; the daemon then mounts nothing for an optional mount.
    func check(_ call: GRPCServerCall) async throws {
        let request = try Moby_Sshforward_V1_CheckAgentRequest(serializedBytes: Array(try await call.request().readableBytesView))
        let id = request.id.isEmpty ? "default" : request.id
        guard self.sockets[id] != nil else {
            return try await call.finish(status: 2, message: "unset ssh forward key \(id)")
        }
        try await call.send(try Moby_Sshforward_V1_CheckAgentResponse().serializedBytes() as [UInt8])
        try await call.finish()
    }

    /// `ForwardAgent`: relays one connection of a step to the agent named by the call's
    /// `buildkit.ssh.id` metadata.
    func forward(_ call: GRPCServerCall) async throws {
        let id = call.metadata["buildkit.ssh.id"].first.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        guard let socket = self.sockets[id] else {
            return try await call.finish(status: 2, message: "unset ssh forward key \(id)")
        }
        let agent: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            agent = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(unixDomainSocketPath: socket) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                            wrappingChannelSynchronously: channel,
                            configuration: .init(isOutboundHalfClosureEnabled: true))
                    }
                }
        } catch {
            return try await call.finish(status: 2, message: "failed to dial agent \(id): \(error)")
        }
        try await agent.executeThenClose { answers, toAgent in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    var filter = SSHAgentRequestFilter()
                    for try await message in call.requests {
                        let bytes = try Moby_Sshforward_V1_BytesMessage(serializedBytes: Array(message.readableBytesView)).data
                        for action in try filter.feed(bytes) {
                            switch action {
                            case .forward(let bytes): try await toAgent.write(ByteBuffer(bytes: bytes))
                            case .refuse: try await Self.send(SSHAgentRequestFilter.failureResponse, on: call)
                            }
                        }
                    }
                    // The step closed its connection: the agent sees the end once it answered.
                    toAgent.finish()
                }
                for try await answer in answers {
                    try await Self.send(Array(answer.readableBytesView), on: call)
                }
                group.cancelAll()
            }
        }
        try await call.finish()
    }

    private static func send(_ bytes: [UInt8], on call: GRPCServerCall) async throws {
        var message = Moby_Sshforward_V1_BytesMessage()
        message.data = Data(bytes)
        try await call.send(try message.serializedBytes() as [UInt8])
    }
}
