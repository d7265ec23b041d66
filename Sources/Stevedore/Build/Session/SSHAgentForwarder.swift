import NIOCore
import NIOPosix

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Serves `/moby.sshforward.v1.SSH/ForwardAgent` calls: each is one connection a build step
/// made to its mounted agent socket. The step's bytes (`BytesMessage`s) go through
/// ``SSHAgentRequestFilter`` either to a new connection to the agent's socket, whose answers
/// come back, or to the in-process ``SSHKeyAgent`` of key files. The call ends when the agent
/// closes its side, or when the step closes its side and the agent has answered.
struct SSHAgentForwarder: Sendable {
    /// What serves an agent id.
    enum Agent: Sendable {
        /// An agent listening on this socket.
        case socket(String)
        /// Keys held here.
        case keys(SSHKeyAgent)
    }

    /// The agents, by id.
    let agents: [String: Agent]

    /// `CheckAgent`: whether an agent of the requested id is offered. An unknown one is
    /// status 2 with BuildKit's message; the daemon then mounts nothing for an optional mount.
    func check(_ call: GRPCServerCall) async throws {
        let request = try Moby_Sshforward_V1_CheckAgentRequest(serializedBytes: Array(try await call.request().readableBytesView))
        let id = request.id.isEmpty ? "default" : request.id
        guard self.agents[id] != nil else {
            return try await call.finish(status: 2, message: "unset ssh forward key \(id)")
        }
        try await call.send(try Moby_Sshforward_V1_CheckAgentResponse().serializedBytes() as [UInt8])
        try await call.finish()
    }

    /// `ForwardAgent`: serves one connection of a step with the agent named by the call's
    /// `buildkit.ssh.id` metadata.
    func forward(_ call: GRPCServerCall) async throws {
        let id = call.metadata["buildkit.ssh.id"].first.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        switch self.agents[id] {
        case nil:
            try await call.finish(status: 2, message: "unset ssh forward key \(id)")
        case .keys(let agent):
            try await Self.readRequests(of: call) { request in try await Self.send(agent.answer(request), on: call) }
            try await call.finish()
        case .socket(let socket):
            try await self.relay(call, id: id, to: socket)
        }
    }

    /// Relays the call's bytes to a new connection to `socket`, and the agent's back.
    private func relay(_ call: GRPCServerCall, id: String, to socket: String) async throws {
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
            // Each direction in a task of its own, so that a failure of either (a message the
            // filter refuses to frame) ends the call rather than waiting for an answer to a
            // request the agent never got. Whether the task that ended was the agent's.
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    try await Self.readRequests(of: call) { request in try await toAgent.write(ByteBuffer(bytes: request)) }
                    // The step closed its connection: the agent sees the end once it answered.
                    toAgent.finish()
                    return false
                }
                group.addTask {
                    for try await answer in answers {
                        try await Self.send(Array(answer.readableBytesView), on: call)
                    }
                    return true
                }
                while let agentEnded = try await group.next(), !agentEnded {}
                group.cancelAll()
            }
        }
        try await call.finish()
    }

    /// Reads the step's bytes as agent requests: each one ``SSHAgentRequestFilter`` lets
    /// through goes to `forward`, whole; a refused one is answered with the protocol's failure.
    private static func readRequests(
        of call: GRPCServerCall, forward: (_ request: [UInt8]) async throws -> Void
    ) async throws {
        var filter = SSHAgentRequestFilter()
        for try await message in call.requests {
            let bytes = try Moby_Sshforward_V1_BytesMessage(serializedBytes: Array(message.readableBytesView)).data
            for action in try filter.feed(bytes) {
                switch action {
                case .forward(let request): try await forward(request)
                case .refuse: try await Self.send(SSHAgentRequestFilter.failureResponse, on: call)
                }
            }
        }
    }

    private static func send(_ bytes: [UInt8], on call: GRPCServerCall) async throws {
        var message = Moby_Sshforward_V1_BytesMessage()
        message.data = Data(bytes)
        try await call.send(try message.serializedBytes() as [UInt8])
    }
}
