import Foundation
import NIOCore
import NIOEmbedded
import NIOHTTP1

@testable import Stevedore

/// What the fuzzer checks: each target takes arbitrary bytes and must neither crash, hang nor
/// lose data; an invariant that breaks is a `precondition` failure, which the fuzzer reports.
enum FuzzTargets {
    /// Every target by name: the stream parsers here, then the parsers of user input and files.
    static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] =
        [
            ("demux", Self.demultiplexer), ("json-lines", Self.jsonLines), ("websocket", Self.webSocketFrames),
            ("upgrade", Self.upgradeResponse), ("http-response", Self.httpResponse), ("grpc", Self.grpcMessages),
            ("buildkit-trace", Self.buildKitTrace), ("ssh-agent", Self.sshAgentRequests), ("filesync-packet", Self.fileSyncPacket),
        ]
        + ParserFuzzTargets.all

    /// The target `STEVEDORE_FUZZ_TARGET` names, which then takes every input whole (a run per
    /// target, as scripts/fuzz makes them); `nil` when unset.
    static let pinned: (name: String, run: @Sendable ([UInt8]) -> Void)? = {
        guard let name = ProcessInfo.processInfo.environment["STEVEDORE_FUZZ_TARGET"] else { return nil }
        guard let target = Self.all.first(where: { $0.name == name }) else {
            fatalError("STEVEDORE_FUZZ_TARGET=\(name) names no target; there are \(Self.all.map(\.name).joined(separator: ", "))")
        }
        return target
    }()

    /// Runs the pinned target on `input`, or the target the first byte chooses on the rest.
    static func run(_ input: [UInt8]) {
        if let pinned = Self.pinned { return pinned.run(input) }
        guard let selector = input.first else { return }
        Self.all[Int(selector) % Self.all.count].run(Array(input.dropFirst()))
    }

    /// Read sizes taken from the data, so that the same bytes are tried in many splits.
    private static func pieces(_ data: [UInt8], splitSeed: UInt8) -> [ByteBuffer] {
        var pieces: [ByteBuffer] = []
        var start = 0
        var step = Int(splitSeed % 17) + 1
        while start < data.count {
            let end = min(data.count, start + step)
            pieces.append(ByteBuffer(bytes: data[start..<end]))
            start = end
            step = step * 7 % 23 + 1
        }
        return pieces
    }

    /// gRPC's framing (a BuildKit session's messages from the daemon) whole and in pieces:
    /// either both throw, or both give the same messages.
    static func grpcMessages(_ data: [UInt8]) {
        func messages(_ pieces: [ByteBuffer]) -> [[UInt8]]? {
            var framer = GRPCMessageFramer()
            do {
                return try pieces.flatMap { try framer.messages(in: $0) }.map { Array($0.readableBytesView) }
            } catch {
                return nil
            }
        }
        let whole = messages([ByteBuffer(bytes: data)])
        let split = messages(Self.pieces(data, splitSeed: data.first ?? 0))
        precondition(whole == split, "gRPC messages depend on how the bytes arrived")
    }

    /// A BuildKit trace (the bytes as its protobuf) decoded and followed as a build's stream
    /// follows it: no crash, and never more than the kept lines of a step.
    static func buildKitTrace(_ data: [UInt8]) {
        guard let status = try? BuildKitStatus(traceAux: Data(data).base64EncodedString()) else { return }
        var steps = BuildKitStepOutput()
        steps.add(status)
        steps.add(status)
        if let failed = steps.failedStep {
            precondition(failed.lastOutput.count <= BuildKitStepOutput.keptLines, "more lines kept than promised")
        }
    }

    /// What a build step sends a forwarded ssh agent, whole and in pieces: either both throw,
    /// or both pass the same bytes to the agent and refuse the same messages, in the same order.
    static func sshAgentRequests(_ data: [UInt8]) {
        func actions(_ pieces: [ByteBuffer]) -> [SSHAgentRequestFilter.Action]? {
            var filter = SSHAgentRequestFilter()
            var result: [SSHAgentRequestFilter.Action] = []
            do {
                for piece in pieces {
                    for action in try filter.feed(piece.readableBytesView) {
                        // Forwarded bytes are the same however they were grouped.
                        if case .forward(let bytes) = action, case .forward(let previous) = result.last {
                            result[result.count - 1] = .forward(previous + bytes)
                        } else {
                            result.append(action)
                        }
                    }
                }
                return result
            } catch {
                return nil
            }
        }
        let whole = actions([ByteBuffer(bytes: data)])
        let split = actions(Self.pieces(data, splitSeed: data.first ?? 0))
        precondition(whole == split, "the ssh agent filter depends on how the bytes arrived")
        for case .forward(let bytes) in whole ?? [] {
            precondition(SSHAgentRequestFilter.allowedTypes.contains(bytes[4]), "a refused request was forwarded")
            // The in-process agent answers whatever it is passed with one framed message.
            let answer = SSHKeyAgent(keys: []).answer(bytes)
            precondition(answer.count >= 5 && answer.prefix(4).reduce(0) { $0 << 8 | Int($1) } == answer.count - 4, "an unframed answer")
        }
    }

    /// A packet of a file sync or an export (fsutil's `Packet`), as the session reads one: a
    /// `STAT` becomes the entry it describes, or a typed error.
    static func fileSyncPacket(_ data: [UInt8]) {
        guard let packet = try? Fsutil_Types_Packet(serializedBytes: data), packet.hasStat else { return }
        guard let header = try? FileSendReceiver.header(packet.stat) else { return }
        precondition(header.mode <= 0o7777, "a mode outside the permission bits")
    }

    /// The demultiplexer on arbitrary bytes, whole and in pieces: either both throw, or both
    /// give the same streams, and no chunk is empty.
    static func demultiplexer(_ data: [UInt8]) {
        func demultiplex(_ pieces: [ByteBuffer]) -> [(ContainerOutputChunk.Stream, [UInt8])]? {
            var demultiplexer = StreamDemultiplexer()
            var chunks: [(ContainerOutputChunk.Stream, [UInt8])] = []
            do {
                for piece in pieces {
                    demultiplexer.append(piece)
                    while let chunk = try demultiplexer.nextChunk() {
                        precondition(chunk.bytes.readableBytes > 0, "empty chunk")
                        if let last = chunks.last, last.0 == chunk.stream {
                            chunks[chunks.count - 1].1 += chunk.bytes.readableBytesView
                        } else {
                            chunks.append((chunk.stream, Array(chunk.bytes.readableBytesView)))
                        }
                    }
                }
                try demultiplexer.finish()
                return chunks
            } catch {
                return nil
            }
        }
        let whole = demultiplex([ByteBuffer(bytes: data)])
        let split = demultiplex(Self.pieces(data, splitSeed: data.first ?? 0))
        precondition((whole == nil) == (split == nil), "split input changed the outcome")
        if let whole, let split {
            precondition(whole.map(\.0) == split.map(\.0) && whole.map(\.1) == split.map(\.1), "split input changed the streams")
        }
    }

    /// A small line limit, so that lines over it are within the fuzzer's reach (the streams'
    /// own, 16 MiB, is beyond its longest input).
    private static let jsonLineLimit = 100

    /// Newline-delimited JSON (pull, push and build progress, events, stats) cut into lines as
    /// the client's streams cut it, whole and in pieces, under the streams' line limit and under
    /// a small one: either both fail, or both give the same lines. What passes the small limit
    /// passes the large one the same. Each line is then decoded as the models of those streams,
    /// and a progress message read as ``ProgressStream`` reads it.
    static func jsonLines(_ data: [UInt8]) {
        func lines(_ pieces: [ByteBuffer], maxLineBytes: Int) -> [[UInt8]]? {
            var splitter = JSONLineSplitter(maxLineBytes: maxLineBytes)
            var lines: [[UInt8]] = []
            do {
                for piece in pieces {
                    splitter.append(piece)
                    while let line = try splitter.nextLine() {
                        lines.append(Array(line.readableBytesView))
                    }
                }
                if let rest = splitter.remainder() { lines.append(Array(rest.readableBytesView)) }
                return lines
            } catch {
                return nil
            }
        }
        let split = Self.pieces(data, splitSeed: data.first ?? 0)
        let limit = JSONLinesStream<ProgressMessage>.maxLineBytes
        let whole = lines([ByteBuffer(bytes: data)], maxLineBytes: limit)
        precondition(whole == lines(split, maxLineBytes: limit), "JSON lines depend on how the bytes arrived")
        let short = lines([ByteBuffer(bytes: data)], maxLineBytes: Self.jsonLineLimit)
        precondition(short == lines(split, maxLineBytes: Self.jsonLineLimit), "the line limit depends on how the bytes arrived")
        precondition(short == nil || short == whole, "a smaller limit changed the lines it let through")
        let decoder = JSONDecoder()
        var summary = ProgressStream.Summary()
        for line in whole ?? [] {
            precondition(!line.contains(UInt8(ascii: "\n")), "a line kept its newline")
            if let message = try? decoder.decode(ProgressMessage.self, from: Data(line)) {
                summary.add(message)
                _ = message.carriedError
                _ = try? message.buildKitStatus
            }
            _ = try? decoder.decode(EventMessage.self, from: Data(line))
            _ = try? decoder.decode(ContainerStatsResponse.self, from: Data(line))
        }
    }

    /// A response as a connection reads it (``HTTPResponseReading``): to an ordinary request,
    /// whole and in pieces, the caller is told the same; to an upgrade request, the same up to
    /// the switch to raw bytes (what follows a proper `101` is the `upgrade` target's). Then in
    /// pieces, answering any request, with what a consumer, a deadline or the peer may do between
    /// two reads. Every run checks that no body comes before its head or after its exchange
    /// ended, that an exchange has one head and one end, and that a connection handed back for
    /// reuse can still read its next answer.
    static func httpResponse(_ data: [UInt8]) {
        let whole = [ByteBuffer(bytes: data)]
        let split = Self.pieces(data, splitSeed: data.first ?? 0)
        precondition(
            HTTPResponseReading.read(whole, answering: .get) == HTTPResponseReading.read(split, answering: .get),
            "what a response tells its caller depends on how the bytes arrived")
        precondition(
            HTTPResponseReading.read(whole, answering: .upgrade).untilRaw == HTTPResponseReading.read(split, answering: .upgrade).untilRaw,
            "what an upgrade's answer tells its caller depends on how the bytes arrived")
        let request = HTTPResponseReading.Request.allCases[Int(data.last ?? 0) % HTTPResponseReading.Request.allCases.count]
        _ = HTTPResponseReading.read(Self.pieces(data, splitSeed: data.last ?? 0), answering: request, disturbing: true)
    }

    /// The websocket frame parser on arbitrary bytes in pieces: no crash, frames within the
    /// size limit.
    static func webSocketFrames(_ data: [UInt8]) {
        var parser = WebSocketFrameParser(maxFrameSize: 1 << 16)
        do {
            for piece in Self.pieces(data, splitSeed: data.first ?? 0) {
                parser.append(piece)
                while let frame = try parser.nextFrame() {
                    precondition(frame.payload.readableBytes <= 1 << 16, "frame over the limit")
                }
            }
        } catch {}
    }

    /// The response side of a hijack, as the transport reads it: NIO's HTTP response decoder
    /// removed right after a `101`, forwarding what followed the head. The data is the tail
    /// after a fixed `101` head, fed in pieces: every byte of the tail must come out, in order.
    /// Arbitrary data as a whole response must not crash.
    static func upgradeResponse(_ data: [UInt8]) {
        let head = Array(
            "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".utf8)
        precondition(Self.afterUpgrade(head + data, splitSeed: data.first ?? 0) == data, "bytes after the 101 were lost or changed")
        _ = Self.afterUpgrade(data, splitSeed: 3)
    }

    /// The raw bytes after a 101 response in `wire`, or nil when it is not one.
    private static func afterUpgrade(_ wire: [UInt8], splitSeed: UInt8) -> [UInt8]? {
        let channel = EmbeddedChannel()
        defer { _ = try? channel.finish() }
        let decoder = ByteToMessageHandler(HTTPResponseDecoder(leftOverBytesStrategy: .forwardBytes))
        guard (try? channel.pipeline.syncOperations.addHandler(decoder)) != nil,
            (try? channel.writeOutbound(HTTPClientRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: "/")))) != nil
        else { return nil }
        var upgraded = false
        var removed = false
        var raw: [UInt8] = []
        for piece in Self.pieces(wire, splitSeed: splitSeed) {
            do {
                try channel.writeInbound(piece)
            } catch {
                return nil
            }
            // (A read of the wrong type drops the item: HTTP parts are read only until the switch.)
            while !removed, let part = try? channel.readInbound(as: HTTPClientResponsePart.self) {
                switch part {
                case .head(let head): upgraded = head.status.code == 101
                case .end where upgraded:
                    // As the transport does: removed from within the read that ended the head.
                    channel.pipeline.syncOperations.removeHandler(decoder, promise: nil)
                    channel.embeddedEventLoop.run()
                    removed = true
                case .body, .end: break
                }
            }
            while removed, let bytes = try? channel.readInbound(as: ByteBuffer.self) {
                raw += bytes.readableBytesView
            }
        }
        return upgraded ? raw : nil
    }
}
