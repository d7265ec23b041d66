import Foundation
import NIOCore
import NIOEmbedded
import StevedoreTestSupport
import Testing

@testable import Stevedore

/// The BuildKit session's ssh agent forwarding, without a daemon: the step's side of a
/// `ForwardAgent` call is a stream the test writes.
@Suite struct SSHAgentForwarderTests {
    /// A step that writes a message longer than an agent accepts (OpenSSH's 256 KiB) to a
    /// forwarded agent socket: the call fails. It waited for ever for the agent's answer to a
    /// request the agent never got.
    @Test func aMessageLongerThanAnAgentTakesFailsTheCall() async throws {
        let agent = try await FakeHTTPServer.start { connection in _ = try await connection.readToEOF() }
        let socket = try #require(agent.socketPath)
        let (requests, step) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        var message = Moby_Sshforward_V1_BytesMessage()
        // A length of 5 MiB, and the type byte of a signing request.
        message.data = Data([0, 0x50, 0, 0, 13])
        step.yield(ByteBuffer(bytes: try message.serializedBytes() as [UInt8]))
        let call = GRPCServerCall(
            path: "/moby.sshforward.v1.SSH/ForwardAgent", metadata: [:], requests: requests, channel: EmbeddedChannel())
        let forwarder = SSHAgentForwarder(agents: ["default": .socket(socket)])
        let error = await #expect(throws: DockerError.self) { try await withTimeout(20) { try await forwarder.forward(call) } }
        #expect(error?.category == .malformedResponse)
        step.finish()
        await agent.shutdown()
    }
}
