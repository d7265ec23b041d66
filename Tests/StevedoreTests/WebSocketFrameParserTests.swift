import NIOCore
import NIOWebSocket
import StevedoreTestSupport
import StevedoreTransport
import Testing

@testable import Stevedore

@Suite struct WebSocketFrameParserTests {
    /// A server frame as the daemon writes it (unmasked), or masked with `key`.
    private func frame(_ opcode: UInt8, _ payload: [UInt8], fin: Bool = true, key: [UInt8]? = nil) -> [UInt8] {
        var bytes: [UInt8] = [(fin ? 0x80 : 0) | opcode]
        let mask: UInt8 = key == nil ? 0 : 0x80
        switch payload.count {
        case ..<126: bytes.append(mask | UInt8(payload.count))
        case ...0xFFFF: bytes += [mask | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
        default: bytes += [mask | 127] + (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
        }
        guard let key else { return bytes + payload }
        return bytes + key + payload.enumerated().map { $0.element ^ key[$0.offset % 4] }
    }

    @Test(arguments: [11, 12, 13, 14])
    func randomFramesInRandomSplits(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var wire: [UInt8] = []
        var expected: [[UInt8]] = []
        // Byte-sized pieces with short frames; big pieces with every length encoding.
        let maxPiece = [1, 3, 1000, 100_000].randomElement(using: &generator)!
        let sizes = maxPiece < 1000 ? [0, 5, 125, 126, 300] : [0, 5, 125, 126, 300, 65_535, 65_536, 70_000]
        for _ in 0..<30 {
            let size = sizes.randomElement(using: &generator)!
            let payload = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let key = Bool.random(using: &generator) ? (0..<4).map { _ in UInt8.random(in: 0...255, using: &generator) } : nil
            wire += self.frame(0x2, payload, key: key)
            expected.append(payload)
        }
        var parser = WebSocketFrameParser(maxFrameSize: 1 << 20)
        var got: [[UInt8]] = []
        for piece in MultiplexedFrames.split(wire, maxPiece: maxPiece, using: &generator) {
            parser.append(piece)
            while let frame = try parser.nextFrame() {
                #expect(frame.opcode == .binary)
                got.append(Array(frame.payload.readableBytesView))
            }
        }
        #expect(got == expected)
    }

    @Test func controlFramesAndFaults() throws {
        var parser = WebSocketFrameParser(maxFrameSize: 10)
        parser.append(ByteBuffer(bytes: self.frame(0x9, Array("hi".utf8)) + self.frame(0x8, [0x03, 0xE8])))
        #expect(try parser.nextFrame()?.opcode == .ping)
        #expect(try parser.nextFrame()?.opcode == .connectionClose)
        #expect(try parser.nextFrame() == nil)
        try parser.finish()
        // A stream cut inside a frame is not a stream that ended.
        parser.append(ByteBuffer(bytes: self.frame(0x2, Array("cut".utf8)).prefix(3)))
        #expect(try parser.nextFrame() == nil)
        let cut = #expect(throws: DockerError.self) { try parser.finish() }
        #expect(cut?.category == .malformedResponse)

        for bad in [self.frame(0x2, Array(repeating: 0, count: 11)), [0xC2, 0x00], [0x83, 0x00]] {
            var parser = WebSocketFrameParser(maxFrameSize: 10)
            parser.append(ByteBuffer(bytes: bad))
            let error = #expect(throws: DockerError.self) { _ = try parser.nextFrame() }
            #expect(error?.category == .malformedResponse)
        }
    }

    /// A daemon that hangs up inside a frame: the output ends with an error, not quietly
    /// after the whole frames.
    @Test func anOutputCutInsideAFrameFails() async throws {
        let whole = self.frame(0x2, Array("whole".utf8))
        let cut = Array(self.frame(0x2, Array("cut short".utf8)).prefix(5))
        let server = try await FakeHTTPServer.start { connection in
            guard try await connection.readRequest() != nil else { return }
            try await connection.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
            try await connection.write(whole + cut)
        }
        let transport = HTTPTransport(target: server.target)
        defer { transport.shutdown() }
        guard
            case .upgraded(let hijacked) = try await transport.hijack(
                HTTPRequest(method: .GET, target: "/ws"), upgradeProtocol: "websocket")
        else {
            Issue.record("expected an upgrade")
            return
        }
        var payloads = try WebSocketConnection(connection: hijacked).output.makeAsyncIterator()
        #expect(try await payloads.next().map { String(buffer: $0) } == "whole")
        let error = await #expect(throws: DockerError.self) { _ = try await payloads.next() }
        #expect(error?.category == .malformedResponse)
        await hijacked.close()
        await server.shutdown()
    }

    @Test func clientFramesAreMaskedAndParseBack() throws {
        for size in [0, 125, 126, 65_535, 65_536] {
            let payload = ByteBuffer(bytes: (0..<size).map { UInt8($0 & 0xFF) })
            let wire = WebSocketConnection.frame(.binary, payload)
            #expect(wire.getInteger(at: 1, as: UInt8.self)! & 0x80 == 0x80)
            var parser = WebSocketFrameParser(maxFrameSize: 1 << 20)
            parser.append(wire)
            let frame = try #require(try parser.nextFrame())
            #expect(frame.payload == payload)
            #expect(frame.fin)
        }
    }
}
