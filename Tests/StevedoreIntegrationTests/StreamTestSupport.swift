import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

/// Creates a container from `body` (the test image unless it names one), runs `test` with its
/// id, and force-removes it afterwards, also when `test` throws.
func withContainer<Result>(
    _ body: ContainerCreateBody,
    client: DockerClient,
    _ test: (String) async throws -> Result
) async throws -> Result {
    var body = body
    if body.image == nil { body.image = TestEngine.image }
    let id = try await client.containers.create(body).id
    do {
        let result = try await test(id)
        try await client.containers.remove(id, options: .init(force: true))
        return result
    } catch {
        try? await client.containers.remove(id, options: .init(force: true))
        throw error
    }
}

/// `count` bytes from a seeded generator.
func randomBytes(_ count: Int, seed: UInt64) -> ByteBuffer {
    var generator = SeededGenerator(seed: seed)
    var buffer = ByteBuffer()
    buffer.reserveCapacity(count)
    for _ in 0..<count / 8 {
        buffer.writeInteger(generator.next())
    }
    return buffer
}

/// Checks chunks against the expected bytes as they arrive, without collecting them.
struct StreamComparer {
    let expected: ByteBuffer
    private(set) var offset = 0
    private(set) var mismatchAt: Int?

    init(expected: ByteBuffer) {
        self.expected = expected
    }

    mutating func check(_ bytes: ByteBuffer) {
        guard self.mismatchAt == nil else { return }
        let count = bytes.readableBytes
        guard self.offset + count <= self.expected.readableBytes,
            let want = self.expected.getSlice(at: self.expected.readerIndex + self.offset, length: count),
            want == bytes
        else {
            self.mismatchAt = self.offset
            return
        }
        self.offset += count
    }

    var matchesWhole: Bool { self.mismatchAt == nil && self.offset == self.expected.readableBytes }
}

/// Sends `buffer` to the streams' stdin in 64 KiB pieces, then half-closes.
func send(_ buffer: ByteBuffer, to streams: AttachedStreams) async throws {
    var rest = buffer
    while rest.readableBytes > 0, let piece = rest.readSlice(length: min(64 << 10, rest.readableBytes)) {
        try await streams.write(piece)
    }
    try await streams.closeWrite()
}
