import NIOCore
import StevedoreTransport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
        var lines = JSONLineSplitter(maxLineBytes: JSONLinesStream.maxLineBytes)
        var finished = false

        init(base: DockerByteStream.AsyncIterator) {
            self.base = base
        }

        public mutating func next() async throws -> Element? {
            while !self.finished {
                let line: ByteBuffer?
                do {
                    line = try self.lines.nextLine()
                } catch {
                    self.finished = true
                    throw error
                }
                if let line {
                    do {
                        return try decodeJSON(Element.self, from: Data(readableBytesOf: line))
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
                guard let chunk else {
                    self.finished = true
                    guard let rest = self.lines.remainder() else { return nil }
                    // A last line without its newline is still a whole JSON value if it decodes.
                    do {
                        return try decodeJSON(Element.self, from: Data(readableBytesOf: rest))
                    } catch {
                        throw DockerError.malformedResponse("the daemon's stream ended inside a line")
                    }
                }
                self.lines.append(chunk)
            }
            return nil
        }
    }
}
