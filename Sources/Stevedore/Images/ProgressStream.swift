import StevedoreTransport

/// The progress of a pull, push, import, load or build: an `AsyncSequence` of
/// ``ProgressMessage``s read from the daemon as it sends them.
///
/// The daemon reports most failures *inside* the `200` stream (an `errorDetail` line); the
/// stream throws those as a ``DockerError`` (``DockerError/Category/notFound`` for a missing
/// image or tag, ``DockerError/Category/unauthorized`` for refused credentials,
/// ``DockerError/Category/buildFailed`` for a failed build step, else
/// ``DockerError/Category/server``) and ends. A failure is never swallowed: iterate to the end,
/// or call ``finish()``, to know the operation succeeded. Leaving the loop early or cancelling
/// the task closes the connection (the daemon then stops a pull or a build).
public struct ProgressStream: AsyncSequence, Sendable {
    public typealias Element = ProgressMessage

    /// What the stream reports the progress of; decides how in-stream errors are categorised.
    enum Operation: Sendable {
        case transfer
        case build
    }

    let lines: JSONLinesStream<ProgressMessage>
    let operation: Operation
    /// The BuildKit session the build reads its files through: closed when the stream ends,
    /// or when the last copy of the stream and its iterator are gone.
    var session: BuildKitSession?

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(lines: self.lines.makeAsyncIterator(), operation: self.operation, session: self.session)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var lines: JSONLinesStream<ProgressMessage>.AsyncIterator
        let operation: Operation

        /// A BuildKit build's steps so far, for the error of a failed one.
        var steps = BuildKitStepOutput()

        let session: BuildKitSession?

        public mutating func next() async throws -> ProgressMessage? {
            let message: ProgressMessage
            do {
                guard let next = try await self.lines.next() else {
                    self.session?.close()
                    return nil
                }
                message = next
            } catch {
                self.session?.close()
                throw error
            }
            if let (text, code) = message.carriedError {
                self.session?.close()
                switch self.operation {
                case .transfer: throw DockerError(streamError: text)
                case .build:
                    var error = DockerError(buildError: text, code: code)
                    error.failedBuildStep = self.steps.failedStep
                    throw error
                }
            }
            if self.operation == .build {
                do {
                    if let status = try message.buildKitStatus { self.steps.add(status) }
                } catch {
                    // A trace the daemon garbled ends the stream: nothing more will be read.
                    self.session?.close()
                    throw error
                }
            }
            return message
        }
    }

    /// What ``finish()`` found in the stream.
    public struct Summary: Hashable, Sendable {
        /// The last digest announced (pull: `Digest:` line; push: `aux.Digest`).
        public var digest: String?
        /// The last image id announced (build: `aux.ID`; load: `Loaded image ID:`).
        public var imageID: String?
        /// Every `status` line without a layer id, in order (`Status: Downloaded newer image…`,
        /// `Loaded image: name:tag`) and every build `stream` text.
        public var output: [String]

        /// An empty summary, for callers that read the stream themselves and ``add(_:)`` each message.
        public init() {
            self.output = []
        }

        /// Takes in what `message` announces.
        public mutating func add(_ message: ProgressMessage) {
            if let digest = message.digest { self.digest = digest }
            if let id = message.imageID { self.imageID = id }
            if let stream = message.stream { self.output.append(stream) }
            if let status = message.status, message.id?.isEmpty ?? true { self.output.append(status) }
        }
    }

    /// Reads the stream to its end and sums it up; throws the stream's error if it has one.
    @discardableResult
    public func finish() async throws -> Summary {
        var summary = Summary()
        for try await message in self { summary.add(message) }
        return summary
    }
}

extension DockerClient {
    /// Sends `request` (a stream, no deadline) and returns its body as a ``ProgressStream``.
    func progressStream(_ request: DockerRequest, operation: ProgressStream.Operation = .transfer) async throws -> ProgressStream {
        var request = request
        request.isStream = true
        let response = try await self.send(request)
        return ProgressStream(lines: JSONLinesStream(body: response.body, host: self.configuration.host), operation: operation)
    }
}
