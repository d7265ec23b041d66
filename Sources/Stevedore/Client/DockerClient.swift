import Logging
import NIOCore
import NIOHTTP1
import StevedoreTransport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A client of one Docker daemon.
///
/// Every operation is an `async` method of one of its areas (``containers``, ``images``,
/// ``exec``…: `docker.containers.start(id)`), one file per endpoint. The client negotiates the API version on first use (unless
/// ``DockerClientConfiguration/apiVersion`` pins it) and sends every request to
/// `/v<version>/…`. It keeps a pool of connections: call ``shutdown()`` when done with it.
public final class DockerClient: Sendable {
    public let configuration: DockerClientConfiguration
    let transport: HTTPTransport
    private let negotiation: VersionNegotiation
    let logger: Logger

    /// A client for `configuration`. It connects to nothing yet: the first request opens a
    /// connection. Throws ``DockerError/Category/invalidConfiguration`` for a connection pool
    /// that could never serve a request (``DockerClientConfiguration/ConnectionPool/maxConnections``
    /// below 1, a connect timeout that is not positive, a negative idle timeout) and for TLS
    /// that cannot be set up (a certificate or key file that cannot be read or parsed, a client
    /// certificate without its key).
    public init(configuration: DockerClientConfiguration = .init(), logger: Logger = Logger(label: "stevedore")) throws {
        self.configuration = configuration
        self.transport = HTTPTransport(
            target: try configuration.host.connectionTarget(tls: configuration.tls, ssh: configuration.ssh),
            configuration: try configuration.connectionPool.transportConfiguration()
        )
        self.negotiation = VersionNegotiation(pinned: configuration.apiVersion)
        self.logger = logger
    }

    /// The executor of the event loop that carries this client's requests.
    ///
    /// Each operation already runs its request there and returns to the caller's executor: two
    /// thread hand-offs per request. An operation made of several requests that runs none of
    /// the caller's code between them (``Exec/run(_:in:options:)``,
    /// ``Exec/waitForExit(_:timeout:)``, ``Containers/run(_:options:pullProgress:)`` without a
    /// progress handler) runs all of them there and hands off twice in all, and once more for
    /// each pause between `waitForExit`'s polls. A task that issues many small requests in a row (a
    /// poller, a test harness) saves those too by preferring this executor for the whole loop
    /// (`Task(executorPreference: client.taskExecutor) { … }` or
    /// `withTaskExecutorPreference(client.taskExecutor) { … }`), provided its own work between
    /// requests does not block: it runs on the event loop as well. A task that reads a stream
    /// (logs, attach, an exec's output) saves a hand-off per read burst the same way; so does
    /// the `stevedore` CLI, which runs each command there. A reader that blocks (writing to a
    /// slow file or pipe) holds the loop meanwhile, and the client's other connections wait.
    public var taskExecutor: any TaskExecutor { self.transport.taskExecutor }

    /// A client configured from the environment as the docker CLI is, `context` playing its
    /// `--context` flag (see ``DockerClientConfiguration/fromEnvironment(_:context:)``), with
    /// the API version pinned to `apiVersion` when given (it wins over `DOCKER_API_VERSION`).
    /// For other settings, change the configuration that
    /// ``DockerClientConfiguration/fromEnvironment(_:context:)`` returns and pass it to
    /// ``init(configuration:logger:)``.
    public static func fromEnvironment(
        context: String? = nil,
        apiVersion: APIVersion? = nil,
        logger: Logger = Logger(label: "stevedore")
    ) throws -> DockerClient {
        var configuration = try DockerClientConfiguration.fromEnvironment(context: context)
        if let apiVersion { configuration.apiVersion = apiVersion }
        return try DockerClient(configuration: configuration, logger: logger)
    }

    /// Closes idle connections. Requests made afterwards fail with
    /// ``DockerError/Category/shutdown``, and so do requests still waiting for a connection or
    /// whose connection is still being opened; exchanges already under way (a followed log, an
    /// attached stream) go on until they end or their consumer leaves.
    public func shutdown() {
        self.transport.shutdown()
    }

    /// The API version requests use: the pinned one, or the one negotiated with the daemon.
    public func apiVersion() async throws -> APIVersion {
        try await self.negotiation.version {
            let ping = try await self.system.ping()
            return try VersionNegotiation.negotiatedVersion(daemon: ping.apiVersion)
        }
    }

    /// Throws ``DockerError/Category/unsupportedByAPIVersion`` unless the API in use is at least
    /// `minimum`; call it before sending an option that `minimum` introduced.
    public func requireAPIVersion(_ minimum: APIVersion, for feature: String) async throws {
        let current = try await self.apiVersion()
        if current < minimum {
            throw DockerError.requires(feature, minimum: minimum, current: current)
        }
    }

    // MARK: Requests

    /// Sends `request` and returns the response once its head has arrived; a status ≥ 400 is
    /// thrown as a ``DockerError`` carrying the daemon's message. (A 304, e.g. starting a running
    /// container, is a success, as in the moby client.)
    func send(_ request: DockerRequest) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await self.transport.execute(self.makeHTTPRequest(request))
        } catch {
            throw DockerError.wrapping(error, host: self.configuration.host)
        }
        try await self.throwIfError(response)
        return response
    }

    /// Sends `request` and returns what `read` makes of the response (status < 400; errors of
    /// `read` are wrapped as ``DockerError``s).
    ///
    /// The exchange and `read` run on the transport's event loop (see
    /// ``HTTPTransport/taskExecutor``): two thread hand-offs per request instead of one per
    /// step. `read` must not block; reading the body is what it is for.
    func exchange<Result>(_ request: DockerRequest, reading read: (HTTPResponse) async throws -> Result) async throws -> Result {
        try await self.onEventLoop {
            let response = try await self.send(request)
            do {
                return try await read(response)
            } catch {
                throw DockerError.wrapping(error, host: self.configuration.host)
            }
        }
    }

    /// Runs `body` from a task that prefers the transport's event loop (see
    /// ``HTTPTransport/taskExecutor``) and returns to the caller's executor once, at the end.
    ///
    /// For an operation made of several requests, such as ``Exec/run(_:in:options:)``: its
    /// exchanges then start and resume on the loop, instead of handing off to the caller's
    /// executor and back between each two (two thread wake-ups a request; a stream's reader one
    /// per read burst). `body` must not block and must not call a caller's closure (the
    /// client's logger aside, which every request calls on the loop): whatever it runs holds
    /// the loop, which is NIO's process-wide one by default, and everything else on it. Its
    /// responses are decoded there too, one after another rather than in parallel.
    func onEventLoop<Result>(_ body: () async throws -> Result) async throws -> Result {
        try await withTaskExecutorPreference(self.transport.taskExecutor, operation: body)
    }

    /// Sends `request` and decodes its JSON body as `Value` (up to `maxBytes`).
    ///
    /// The body is read on the event loop and decoded back on the caller's executor, so that
    /// concurrent callers decode in parallel rather than one after another on the loop (unless
    /// the caller is on the loop itself: see ``onEventLoop(_:)``).
    func decode<Value: Decodable>(_ type: Value.Type, from request: DockerRequest, maxBytes: Int = 64 << 20) async throws -> Value {
        try await self.decodeWithRaw(type, from: request, maxBytes: maxBytes).value
    }

    /// ``decode(_:from:maxBytes:)``, with the JSON body as the daemon sent it.
    func decodeWithRaw<Value: Decodable>(
        _ type: Value.Type, from request: DockerRequest, maxBytes: Int = 64 << 20
    ) async throws -> (value: Value, raw: Data) {
        let body = try await self.exchange(request) { try await $0.body.collect(upTo: maxBytes) }
        let raw = Data(readableBytesOf: body)
        do {
            return (try decodeJSON(Value.self, from: raw), raw)
        } catch {
            throw DockerError.wrapping(error, host: self.configuration.host)
        }
    }

    /// Sends `request` and reads its body to the end, discarding it.
    func discardingBody(_ request: DockerRequest) async throws {
        try await self.exchange(request) { response in
            for try await _ in response.body {}
        }
    }

    /// JSON-encodes a request body, leaving out `nil` fields (the models encode only what is set).
    /// A value JSON cannot carry (a NaN or infinite `Double`) is the caller's input error,
    /// named by its path in the body.
    ///
    /// The body's generated writer (``JSONWriter``) writes it: `JSONEncoder`'s generic
    /// containers, not specialized for the models, took 6% of the client's CPU in a run of
    /// execs. Where the writer gives up, `JSONEncoder` encodes the body, and its error names
    /// the member that JSON cannot carry.
    func jsonBody<Body: Encodable & JSONWritable>(_ body: Body) throws -> HTTPRequestBody {
        if let text = try? JSONWriter.encode(body) {
            return .bytes(ByteBuffer(bytes: text))
        }
        do {
            return .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        } catch EncodingError.invalidValue(let value, let context) {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw DockerError.invalidInput(
                "\(path.isEmpty ? "the request body" : path) is \(value), which JSON cannot carry: give a finite number")
        }
    }

    func throwIfError(_ response: HTTPResponse) async throws {
        let status = Int(response.status.code)
        if (300..<400).contains(status) && status != 304 {
            // The daemon redirects a path it cleans (`/containers/..` → `/`) instead of serving
            // it: nothing was done, so this is never a success. `304` is the daemon's "already
            // so" (start a running container), which docker treats as success.
            let location = response.headers.first(name: "Location").map { " to \($0)" } ?? ""
            _ = try? await response.body.collect(upTo: 1 << 20)
            throw DockerError(
                category: .invalidArgument, statusCode: status,
                message: "the daemon answered \(status) (a redirect\(location)) instead of doing the request: the path is not one it serves"
            )
        }
        guard status >= 400 else { return }
        // The daemon's error JSON is small; cap it so a broken peer cannot exhaust memory.
        let body = (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer()
        throw DockerError(status: status, body: body)
    }

    func makeHTTPRequest(_ request: DockerRequest) async throws -> HTTPRequest {
        var path = self.configuration.host.basePath
        if request.isVersioned {
            path += "/v\(try await self.apiVersion())"
        }
        path += request.path + request.query.encoded
        var headers = request.headers
        headers.replaceOrAdd(name: "User-Agent", value: self.configuration.userAgent)
        if request.body != nil, !headers.contains(name: "Content-Type") {
            headers.add(name: "Content-Type", value: "application/json")
        }
        let deadline =
            request.isStream ? nil : self.configuration.requestTimeout.map { NIODeadline.now() + TimeAmount($0.clampedToLongestWait) }
        // A task already cancelled sends nothing: the transport closes the connection when it
        // sees the cancellation, but a request written before that close still reaches the
        // daemon, which carries it out.
        try Task.checkCancellation()
        self.logger.debug("request", metadata: ["method": "\(request.method)", "path": "\(path)"])
        return HTTPRequest(
            method: request.method, target: path, headers: headers, body: request.body, deadline: deadline, isLongLived: request.isStream)
    }
}

/// A request to the Docker API before versioning: what each endpoint file builds.
struct DockerRequest: Sendable {
    var method: HTTPMethod
    /// The path after the version prefix, with ids already escaped with ``percentEncode(_:)``.
    var path: String
    var query = QueryItems()
    var headers: HTTPHeaders = [:]
    var body: HTTPRequestBody?
    /// Streams and operations that may take long (logs, events, waits, stats, progress,
    /// prunes) get no deadline and a connection outside the pool's limit.
    var isStream = false
    /// `/_ping` and the like go unversioned.
    var isVersioned = true

    init(_ method: HTTPMethod, _ path: String, query: QueryItems = QueryItems(), body: HTTPRequestBody? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
    }
}
