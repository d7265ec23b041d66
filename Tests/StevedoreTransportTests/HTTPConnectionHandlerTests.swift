import NIOCore
import NIOEmbedded
import NIOHTTP1
import StevedoreTestSupport
import Testing

@testable import StevedoreTransport

/// `HTTPConnectionHandler` in a pipeline without a socket, where the test decides which reads
/// end a read burst (`channelReadComplete`). The handler keeps a burst's body parts and yields
/// them together; whatever the reads, no byte may wait for a burst end that never comes, and
/// none may be lost or reordered. A consumer that never gets its bytes fails here at once,
/// where a test over a socket would wait for its timeout.
@Suite struct HTTPConnectionHandlerTests {
    /// A connection's pipeline as `HTTPConnection.connect` builds it, with one exchange started
    /// and its request sent.
    struct Exchange {
        let channel: NIOAsyncTestingChannel
        let head: EventLoopFuture<HTTPResponseHead>
        let body: HTTPConnectionHandler.BodyProducer

        init(isUpgradeRequest: Bool) async throws {
            let channel = NIOAsyncTestingChannel()
            let loop = channel.testingEventLoop
            let (head, body) = try await loop.executeInContext {
                let handler = try HTTPConnectionHandler.install(in: channel.pipeline.syncOperations)
                let id = handler.makeExchangeID()
                let producer = HTTPConnectionHandler.BodyProducer.makeSequence(
                    elementType: ByteBuffer.self,
                    backPressureStrategy: .init(lowWatermark: 4, highWatermark: 16),
                    finishOnDeinit: false,
                    delegate: ResponseBodyDelegate(exchangeID: id, handler: NIOLoopBound(handler, eventLoop: loop))
                )
                let head = loop.makePromise(of: HTTPResponseHead.self)
                guard
                    handler.startExchange(
                        id: id, isUpgradeRequest: isUpgradeRequest, deadline: nil, head: head, body: producer.source,
                        onEnd: { _ in }
                    )
                else { throw HTTPTransportError.staleConnection }
                // Through the encoder, as the transport writes it: the decoder pairs each
                // response with the method of a request it saw go out.
                let request = HTTPRequestHead(version: .http1_1, method: isUpgradeRequest ? .POST : .GET, uri: "/")
                channel.write(HTTPClientRequestPart.head(request), promise: nil)
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
                handler.requestSent(id: id)
                return (head.futureResult, producer.sequence)
            }
            self.channel = channel
            self.head = head
            self.body = body
        }

        /// Passes `reads` up the pipeline as one read burst each, as a socket's reads would
        /// come: a `channelReadComplete` after each burst only where `endingBursts` says so.
        func receive(_ reads: [String], endingBursts: Bool) async throws {
            try await self.channel.testingEventLoop.executeInContext {
                for read in reads {
                    self.channel.pipeline.syncOperations.fireChannelRead(NIOAny(ByteBuffer(string: read)))
                }
                if endingBursts { self.channel.pipeline.syncOperations.fireChannelReadComplete() }
            }
            // What the handlers left for a later tick of the loop (the decoder's removal).
            await self.channel.testingEventLoop.run()
        }

        /// Starts the body's consumer: it reads the first `count` bytes, or to the end.
        func consumeBody(count: Int? = nil) -> Task<String, any Error> {
            let body = self.body
            return Task {
                var received = ""
                for try await part in body {
                    received += String(buffer: part)
                    if let count, received.utf8.count >= count { break }
                }
                return received
            }
        }
    }

    /// What `consumer` read, failing after 5 s: bytes held back never arrive.
    static func received(by consumer: Task<String, any Error>) async throws -> String {
        try await withTimeout(5) { try await consumer.value }
    }

    @Test func bytesAfterA101ReachTheConsumerThoughNoReadCompleteFollowsThem() async throws {
        let exchange = try await Exchange(isUpgradeRequest: true)
        // The 101 head and the first raw bytes in one read, and no end of the burst: the
        // decoder keeps the bytes and passes them on when it is removed. What yields them then
        // is the removal's completion or the consumer's first demand, whichever comes first.
        try await exchange.receive([HijackTests.upgradeHead + "EARLY"], endingBursts: false)
        #expect(try await exchange.head.get().status == .switchingProtocols)
        #expect(try await Self.received(by: exchange.consumeBody(count: 5)) == "EARLY")
    }

    @Test func aResponseReadWithoutAReadCompleteEndsWithAllItsBytes() async throws {
        let exchange = try await Exchange(isUpgradeRequest: false)
        try await exchange.receive(
            ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", "6\r\n world\r\n0\r\n\r\n"],
            endingBursts: false
        )
        #expect(try await exchange.head.get().status == .ok)
        #expect(try await Self.received(by: exchange.consumeBody()) == "hello world")
    }

    @Test func aBurstLongerThanTheConsumersBufferArrivesWholeAndInOrder() async throws {
        let exchange = try await Exchange(isUpgradeRequest: false)
        // 40 chunks in one burst: more than the body's high watermark (16), so the yield asks
        // the handler to stop reading, and the consumer's demand must resume it. Each is too
        // large to be joined to the others.
        let size = BodyPartJoining.smallPartLimit + 1
        let chunks = (0..<40).map { String(repeating: Character(Unicode.Scalar(UInt8(65 + $0))), count: size) }
        let consumer = exchange.consumeBody()
        try await exchange.receive(
            ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"] + chunks.map { String(size, radix: 16) + "\r\n\($0)\r\n" },
            endingBursts: true
        )
        #expect(try await exchange.head.get().status == .ok)
        try await exchange.receive(["0\r\n\r\n"], endingBursts: true)
        #expect(try await Self.received(by: consumer) == chunks.joined())
    }

    @Test func aBurstsSmallPartsAreJoinedAndLargeOnesKeptAsRead() {
        let allocator = ByteBufferAllocator()
        let small = ByteBuffer(string: "ab")
        let large = ByteBuffer(repeating: 7, count: BodyPartJoining.smallPartLimit + 1)
        let fitting = ByteBuffer(repeating: 1, count: BodyPartJoining.smallPartLimit)
        let parts = [small, small, large, small, large] + Array(repeating: fitting, count: 17)
        let joined = BodyPartJoining.joiningSmallParts(parts, allocator: allocator)
        // 16 parts of the limit fill a joined buffer; the 17th starts the next (alone, as read).
        #expect(
            joined.map(\.readableBytes) == [
                4, large.readableBytes, 2, large.readableBytes, BodyPartJoining.joinedLimit, fitting.readableBytes,
            ])
        let bytes = { (buffers: [ByteBuffer]) in buffers.flatMap { Array($0.readableBytesView) } }
        #expect(bytes(joined) == bytes(parts))
        // A large part is the buffer that was read, not a copy.
        let shared = joined[1].withUnsafeReadableBytes { a in large.withUnsafeReadableBytes { b in a.baseAddress == b.baseAddress } }
        #expect(shared)
    }
}
