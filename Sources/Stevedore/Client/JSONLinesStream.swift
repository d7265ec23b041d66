import Foundation
import NIOCore
import StevedoreTransport

/// Decodes a body of newline-delimited JSON (events, stats, pull/push/build progress) into
/// values as lines arrive, whatever the chunking. Empty lines are skipped; a line longer than
/// ``maxLineBytes`` or one that does not decode ends the stream with
/// ``DockerError/Category/malformedResponse``; a stream cut inside a line is an error too,
/// never a silent short result.
public struct JSONLinesStream<Element: Decodable & Sendable>: AsyncSequence, Sendable {
    /// The longest line accepted: 16 MiB.
    public static var maxLineBytes: Int { 16 << 20 }

    /// The body, whose iterator maps transport failures to ``DockerError``s.
    let bytes: DockerByteStream

    init(body: HTTPResponseBody, host: DockerHost) {
        self.bytes = DockerByteStream(body: body, host: host)
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: self.bytes.makeAsyncIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: DockerByteStream.AsyncIterator
        var pending = ByteBuffer()
        let decoder = JSONDecoder()
        var finished = false

        init(base: DockerByteStream.AsyncIterator) {
            self.base = base
        }

        public mutating func next() async throws -> Element? {
            while !self.finished {
                if let line = self.nextLine() {
                    if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
                        continue
                    }
                    do {
                        return try self.decoder.decode(Element.self, from: Data(line))
                    } catch {
                        self.finished = true
                        throw DockerError.malformedResponse(
                            "a line of the daemon's stream is not valid \(Element.self) JSON: \(error)")
                    }
                }
                let chunk: ByteBuffer?
                do {
                    chunk = try await self.base.next()
                } catch {
                    self.finished = true
                    throw error
                }
                guard var chunk else {
                    self.finished = true
                    let rest = self.pending.readableBytesView
                    if rest.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) {
                        return nil
                    }
                    // A last line without its newline is still a whole JSON value if it decodes.
                    do {
                        return try self.decoder.decode(Element.self, from: Data(rest))
                    } catch {
                        throw DockerError.malformedResponse("the daemon's stream ended inside a line")
                    }
                }
                guard self.pending.readableBytes + chunk.readableBytes <= JSONLinesStream.maxLineBytes || self.pending.readableBytes == 0
                else {
                    self.finished = true
                    throw DockerError.malformedResponse("a line of the daemon's stream exceeds \(JSONLinesStream.maxLineBytes) bytes")
                }
                self.pending.writeBuffer(&chunk)
            }
            return nil
        }

        /// The next complete line without its newline, consumed from `pending`.
        private mutating func nextLine() -> ByteBufferView? {
            guard let newline = self.pending.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                if self.pending.readableBytes == 0 { self.pending.clear() }
                return nil
            }
            let length = newline - self.pending.readerIndex
            let line = self.pending.readSlice(length: length)!
            self.pending.moveReaderIndex(forwardBy: 1)
            if self.pending.readableBytes == 0 {
                self.pending.clear()
            } else if self.pending.readerIndex > 1 << 16 {
                self.pending.discardReadBytes()
            }
            return line.readableBytesView
        }
    }
}
