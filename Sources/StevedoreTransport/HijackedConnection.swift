import NIOCore
import NIOHTTP1

/// A connection taken over from HTTP after a `101 UPGRADED` (or `200`) answer: a raw duplex
/// byte stream, as Docker's attach and exec start use it.
///
/// `output` yields the bytes the daemon sends, beginning with those that arrived in the same
/// read as the response head, and ends when the daemon closes or shuts down its side. `input`
/// writes to the daemon; ``closeWrite()`` half-closes the connection so that the daemon sees
/// EOF on the container's stdin while `output` goes on. ``close()`` closes both directions; so
/// does dropping `output`'s iterator before its end or cancelling the task that iterates it.
public struct HijackedConnection: Sendable {
    /// The response head, e.g. to read `Content-Type` (raw or multiplexed stream).
    public let head: HTTPResponseHead
    /// The bytes the daemon sends.
    public let output: HTTPResponseBody
    let channel: any Channel

    /// Writes `bytes`, returning once they were handed to the socket. A peer that stops reading
    /// holds the write until it reads again; cancelling the task closes the connection, which
    /// ends the write with `CancellationError`.
    public func write(_ bytes: ByteBuffer) async throws {
        let channel = self.channel
        do {
            try await withTaskCancellationHandler {
                try await channel.writeAndFlush(HTTPClientRequestPart.body(.byteBuffer(bytes))).get()
            } onCancel: {
                channel.close(promise: nil)
            }
        } catch {
            try Task.checkCancellation()
            throw HTTPTransportError(.io, "writing to the hijacked connection failed: \(error)")
        }
    }

    /// Queues `bytes` to be written after the writes before them, without waiting for the
    /// socket: for a last courtesy (a websocket's close frame) that must not hold a close.
    public func send(_ bytes: ByteBuffer) {
        self.channel.writeAndFlush(HTTPClientRequestPart.body(.byteBuffer(bytes)), promise: nil)
    }

    /// Shuts down the write side: the daemon reads EOF; `output` keeps flowing.
    public func closeWrite() async throws {
        do {
            try await self.channel.close(mode: .output).get()
        } catch ChannelError.alreadyClosed, ChannelError.outputClosed {
            // Already shut: closing twice is not an error for the caller.
        }
    }

    /// Closes the connection in both directions.
    public func close() async {
        try? await self.channel.close().get()
    }
}
