import Foundation
import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

@Suite struct StreamDemultiplexerTests {
    /// Reads `pieces` through a multiplexed ``ContainerOutput``.
    private func demultiplex(_ pieces: [ByteBuffer]) async throws -> [ContainerOutputChunk] {
        var chunks: [ContainerOutputChunk] = []
        for try await chunk in ContainerOutput(BufferSequence(pieces), framing: .multiplexed) {
            chunks.append(chunk)
        }
        return chunks
    }

    /// Adjacent chunks of one stream joined: what a reader of the frames must see, whatever
    /// the splits.
    private func merged(_ chunks: [(ContainerOutputChunk.Stream, [UInt8])]) -> [(ContainerOutputChunk.Stream, [UInt8])] {
        var result: [(ContainerOutputChunk.Stream, [UInt8])] = []
        for (stream, bytes) in chunks where !bytes.isEmpty {
            if let last = result.last, last.0 == stream {
                result[result.count - 1].1 += bytes
            } else {
                result.append((stream, bytes))
            }
        }
        return result
    }

    @Test func decodesTheDaemonsRecordedLogs() async throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../StevedoreModelsTests/Fixtures/dockerd-20.10/container-logs-exited.bin")
        let bytes = try [UInt8](Data(contentsOf: fixture))
        let chunks = try await self.demultiplex([ByteBuffer(bytes: bytes)])
        #expect(chunks.map(\.stream) == [.stdout, .stderr])
        #expect(chunks[0].text.hasSuffix("Z to stdout\n"))
        #expect(chunks[1].text.hasSuffix("Z to stderr\n"))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomFramesAndSplitsGiveTheSameStreams(seed: UInt64) async throws {
        var generator = SeededGenerator(seed: seed)
        // Tiny pieces (a header split everywhere) with small frames; big pieces with frames far
        // larger than any read, which must come in pieces.
        let maxPiece = [1, 7, 9, 100, 70_000].randomElement(using: &generator)!
        let largest = maxPiece < 100 ? 300 : 200_000
        var expected: [(ContainerOutputChunk.Stream, [UInt8])] = []
        var wire: [UInt8] = []
        for _ in 0..<Int.random(in: 1...60, using: &generator) {
            let stream = [ContainerOutputChunk.Stream.stdin, .stdout, .stderr].randomElement(using: &generator)!
            // Mostly small frames, some empty, some far larger than any read.
            let size = [
                0, Int.random(in: 1...16, using: &generator), Int.random(in: 1...min(4096, largest), using: &generator),
                Int.random(in: largest / 3...largest, using: &generator),
            ].randomElement(using: &generator)!
            let payload = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
            wire += MultiplexedFrames.frame(type: stream.rawValue, payload)
            expected.append((stream, payload))
        }
        let pieces = MultiplexedFrames.split(wire, maxPiece: maxPiece, using: &generator)
        let chunks = try await self.demultiplex(pieces)
        #expect(chunks.allSatisfy { $0.bytes.readableBytes > 0 && $0.bytes.readableBytes <= maxPiece })
        let got = self.merged(chunks.map { ($0.stream, Array($0.bytes.readableBytesView)) })
        let want = self.merged(expected)
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            #expect(g.0 == w.0)
            #expect(g.1 == w.1)
        }
    }

    @Test func manyFramesInOneReadAndAHeaderSplitByteByByte() async throws {
        let wire =
            MultiplexedFrames.frame(type: 1, Array("a".utf8)) + MultiplexedFrames.frame(type: 2, [])
            + MultiplexedFrames.frame(type: 2, Array("bc".utf8)) + MultiplexedFrames.frame(type: 1, Array("d".utf8))
        let whole = try await self.demultiplex([ByteBuffer(bytes: wire)])
        #expect(whole.map(\.stream) == [.stdout, .stderr, .stdout])
        #expect(whole.map(\.text) == ["a", "bc", "d"])
        let byteByByte = try await self.demultiplex(wire.map { ByteBuffer(bytes: [$0]) })
        #expect(byteByByte.map(\.text).joined() == "abcd")
    }

    @Test func payloadsAreSlicesOfTheReadNotCopies() throws {
        var demultiplexer = StreamDemultiplexer()
        let read = ByteBuffer(bytes: MultiplexedFrames.frame(type: 1, Array(repeating: 7, count: 1000)))
        demultiplexer.append(read)
        let chunk = try #require(try demultiplexer.nextChunk())
        let shared = chunk.bytes.withUnsafeReadableBytes { chunkBytes in
            read.withUnsafeReadableBytes { readBytes in chunkBytes.baseAddress == readBytes.baseAddress! + 8 }
        }
        #expect(shared)
        #expect(try demultiplexer.nextChunk() == nil)
        try demultiplexer.finish()
    }

    @Test func coalescingJoinsWholeFramesOfOneStreamUpToTheLimit() throws {
        var demultiplexer = StreamDemultiplexer()
        let wire =
            MultiplexedFrames.frame(type: 1, Array("ab".utf8)) + MultiplexedFrames.frame(type: 1, [])
            + MultiplexedFrames.frame(type: 1, Array("cd".utf8)) + MultiplexedFrames.frame(type: 1, Array("efg".utf8))
            + MultiplexedFrames.frame(type: 2, Array("h".utf8)) + MultiplexedFrames.frame(type: 3, Array("boom".utf8))
        // The last frame is cut: it waits for the next read.
        demultiplexer.append(ByteBuffer(bytes: wire + Array(MultiplexedFrames.frame(type: 2, Array("ij".utf8)).prefix(9))))
        var chunks: [String] = []
        // "ab" + "" + "cd" fit in 5 bytes, "efg" would not; a stream change ends a run.
        chunks.append(try #require(try demultiplexer.nextChunk(coalescingUpTo: 5)).text)
        chunks.append(try #require(try demultiplexer.nextChunk(coalescingUpTo: 5)).text)
        chunks.append(try #require(try demultiplexer.nextChunk(coalescingUpTo: 5)).text)
        #expect(chunks == ["abcd", "efg", "h"])
        // The error frame was left in the input, not swallowed by the run before it.
        #expect(throws: DockerError.self) { _ = try demultiplexer.nextChunk(coalescingUpTo: 5) }
    }

    @Test func coalescingLeavesAFrameContinuedInALaterReadAsItsSlice() throws {
        var demultiplexer = StreamDemultiplexer()
        let wire = MultiplexedFrames.frame(type: 1, Array("abcdef".utf8)) + MultiplexedFrames.frame(type: 1, Array("g".utf8))
        demultiplexer.append(ByteBuffer(bytes: Array(wire.prefix(11))))
        #expect(try demultiplexer.nextChunk(coalescingUpTo: 100)?.text == "abc")
        #expect(try demultiplexer.nextChunk(coalescingUpTo: 100) == nil)
        demultiplexer.append(ByteBuffer(bytes: Array(wire.dropFirst(11))))
        #expect(try demultiplexer.nextChunk(coalescingUpTo: 100)?.text == "defg")
        try demultiplexer.finish()
    }

    @Test func aDaemonErrorFrameEndsTheStreamWithItsMessage() async throws {
        let wire =
            MultiplexedFrames.frame(type: 1, Array("before\n".utf8)) + MultiplexedFrames.frame(type: 3, Array("exec failed: boom\n".utf8))
            + MultiplexedFrames.frame(type: 1, Array("after\n".utf8))
        var seen: [String] = []
        let error = await #expect(throws: DockerError.self) {
            for try await chunk in ContainerOutput(BufferSequence([ByteBuffer(bytes: wire)]), framing: .multiplexed) {
                seen.append(chunk.text)
            }
        }
        #expect(seen == ["before\n"])
        #expect(error?.category == .server)
        #expect(error?.message == "error from daemon in stream: exec failed: boom")
    }

    @Test func unknownStreamTypesAndCutFramesAreMalformed() async throws {
        for wire in [
            MultiplexedFrames.frame(type: 9, Array("x".utf8)),
            Array(MultiplexedFrames.frame(type: 1, Array("abc".utf8)).dropLast()),
            [1, 0, 0, 0],
        ] {
            let error = await #expect(throws: DockerError.self) { _ = try await self.demultiplex([ByteBuffer(bytes: wire)]) }
            #expect(error?.category == .malformedResponse)
        }
    }

    @Test func rawStreamsPassThroughAsConsole() async throws {
        var chunks: [ContainerOutputChunk] = []
        let pieces = [ByteBuffer(string: "\u{1}\0\0\0"), ByteBuffer(), ByteBuffer(string: "tty\r\n")]
        for try await chunk in ContainerOutput(BufferSequence(pieces), framing: .raw) {
            chunks.append(chunk)
        }
        #expect(
            chunks == [
                ContainerOutputChunk(.console, ByteBuffer(string: "\u{1}\0\0\0")),
                ContainerOutputChunk(.console, ByteBuffer(string: "tty\r\n")),
            ])
    }

    @Test func framingFollowsTheContentTypeFrom142AndTheTTYBefore() {
        let raw = "application/vnd.docker.raw-stream"
        let multiplexed = "application/vnd.docker.multiplexed-stream"
        // dockerd 20.10 labels multiplexed streams raw: below 1.42 only Tty counts.
        #expect(StreamFraming.of(contentType: raw, apiVersion: APIVersion(1, 41), tty: false) == .multiplexed)
        #expect(StreamFraming.of(contentType: raw, apiVersion: APIVersion(1, 41), tty: true) == .raw)
        #expect(StreamFraming.of(contentType: multiplexed, apiVersion: APIVersion(1, 42), tty: true) == .multiplexed)
        #expect(StreamFraming.of(contentType: raw, apiVersion: APIVersion(1, 44), tty: false) == .raw)
        #expect(StreamFraming.of(contentType: nil, apiVersion: APIVersion(1, 44), tty: false) == .multiplexed)
        #expect(StreamFraming.of(contentType: "text/plain", apiVersion: APIVersion(1, 44), tty: true) == .raw)
    }
}

@Suite struct OutputHelpersTests {
    private func output(_ frames: [(UInt8, String)], maxPiece: Int = 3) -> ContainerOutput {
        var generator = SeededGenerator(seed: 42)
        let wire = frames.flatMap { MultiplexedFrames.frame(type: $0.0, Array($0.1.utf8)) }
        return ContainerOutput(BufferSequence(MultiplexedFrames.split(wire, maxPiece: maxPiece, using: &generator)), framing: .multiplexed)
    }

    @Test func collectKeepsStreamsApart() async throws {
        let collected = try await self.output([(1, "out1 "), (2, "err1 "), (0, "in "), (1, "out2"), (2, "err2")]).collect(upTo: 100)
        #expect(collected.stdoutText == "out1 in out2")
        #expect(collected.stderrText == "err1 err2")
    }

    @Test func collectThrowsPastTheLimitInsteadOfCutting() async throws {
        let error = await #expect(throws: DockerError.self) {
            _ = try await self.output([(1, "12345"), (2, "1"), (1, "6")]).collect(upTo: 5)
        }
        #expect(error?.category == .limitExceeded)
    }

    @Test func twoSinksSeeTheFramesInOrder() async throws {
        var log: [String] = []
        try await self.output([(1, "a"), (2, "b"), (1, "c"), (2, "d")], maxPiece: 100).write(
            stdout: { log.append("out:" + String(buffer: $0)) },
            stderr: { log.append("err:" + String(buffer: $0)) })
        #expect(log == ["out:a", "err:b", "out:c", "err:d"])
    }

    @Test func sinksGetTheFramesOfOneReadTogether() async throws {
        var log: [String] = []
        try await self.output([(1, "a\n"), (1, "b\n"), (0, "c\n"), (2, "d\n"), (2, "e\n")], maxPiece: 100).write(
            stdout: { log.append("out:" + String(buffer: $0)) },
            stderr: { log.append("err:" + String(buffer: $0)) })
        #expect(log == ["out:a\nb\n", "out:c\n", "err:d\ne\n"])
    }

    @Test func linesArePerStreamAndKeepMultiByteCharactersWhole() async throws {
        // "é" and "😀" cut between chunks (maxPiece 1), stdout and stderr lines interleaved.
        var lines: [OutputLine] = []
        for try await line in self.output([(1, "hé"), (2, "er"), (1, "llo 😀\r\nsec"), (2, "r\n"), (1, "ond")], maxPiece: 1).lines() {
            lines.append(line)
        }
        #expect(
            lines == [
                OutputLine(stream: .stdout, bytes: ByteBuffer(string: "héllo 😀\r")),
                OutputLine(stream: .stderr, text: "err"),
                OutputLine(stream: .stdout, text: "second"),
            ])
        // The bytes are what the process wrote; the text leaves out the "\r" of "\r\n".
        #expect(lines.map(\.text) == ["héllo 😀", "err", "second"])
    }

    @Test func timestampsAreParsedFromTheStartOfEachLine() async throws {
        var lines: [OutputLine] = []
        let text = "2026-11-23T19:09:20.616255887Z one\n2026-11-23T19:09:21Z two\n"
        for try await line in self.output([(1, text)]).lines(parsingTimestamps: true) {
            lines.append(line)
        }
        #expect(lines.map(\.text) == ["one", "two"])
        #expect(lines[0].timestamp == DockerTimestamp("2026-11-23T19:09:20.616255887Z"))
        #expect(lines[1].timestamp?.nanoseconds == 0)
    }

    @Test func overlongLinesComeInPiecesCutBetweenCharacters() async throws {
        var lines: [OutputLine] = []
        for try await line in self.output([(1, "abc€defg\nxy")], maxPiece: 2).lines(maxLineBytes: 5) {
            lines.append(line)
        }
        // "€" is 3 bytes at offsets 3...5: the first piece stops before it.
        #expect(lines.map(\.text) == ["abc", "€de", "fg", "xy"])
        #expect(lines.map(\.isPartial) == [true, true, false, false])
    }

    /// A chunk without a newline longer than twice the limit is cut as often as it takes, the
    /// end of the output included: no piece is over the limit.
    @Test(arguments: [1, 100])
    func noPieceIsOverTheLimit(maxPiece: Int) async throws {
        var lines: [OutputLine] = []
        for try await line in self.output([(1, "abcdefghij"), (2, "0123456789AB\nC")], maxPiece: maxPiece).lines(maxLineBytes: 4) {
            lines.append(line)
        }
        #expect(lines.filter { $0.stream == .stdout }.map(\.text) == ["abcd", "efgh", "ij"])
        #expect(lines.filter { $0.stream == .stdout }.map(\.isPartial) == [true, true, false])
        #expect(lines.filter { $0.stream == .stderr }.map(\.text) == ["0123", "4567", "89AB", "C"])
        #expect(lines.allSatisfy { $0.bytes.readableBytes <= 4 })
    }
}
