/// The one error type of Stevedore: an error answer from the daemon, or a failure on the way
/// to it.
///
/// ``category`` says what kind of failure it is (switch on it, or compare with the static
/// members); ``statusCode`` and ``message`` carry the daemon's answer when there was one;
/// ``hint`` says what to do about it when Stevedore knows.
public struct DockerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure, open to new kinds.
    public struct Category: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { self.name }

        // Answers from the daemon, by HTTP status.
        /// 404: no such container, image, network…
        public static let notFound = Category("notFound")
        /// 409: the object is in a state that forbids the operation, or the name is taken.
        public static let conflict = Category("conflict")
        /// 400: a parameter the daemon rejected.
        public static let invalidArgument = Category("invalidArgument")
        /// 401: the registry or daemon wants credentials.
        public static let unauthorized = Category("unauthorized")
        /// 403
        public static let forbidden = Category("forbidden")
        /// 304: nothing to do (starting a started container).
        public static let notModified = Category("notModified")
        /// 501
        public static let notImplemented = Category("notImplemented")
        /// 503: e.g. the node is not a swarm manager.
        public static let unavailable = Category("unavailable")
        /// 500 and any other status.
        public static let server = Category("server")
        /// A build step failed (a `RUN` that exited non-zero, a bad instruction): the error line
        /// of the build's output stream; ``DockerError/code`` holds its exit code when known.
        public static let buildFailed = Category("buildFailed")
        /// A swarm service's update or rollback paused instead of converging (the swarm's
        /// failure action): the message is the swarm's reason.
        public static let serviceNotConverged = Category("serviceNotConverged")
        /// 400 "client version … is too new / too old", or a daemon older than the client's minimum.
        public static let versionMismatch = Category("versionMismatch")

        // Failures before or instead of an answer.
        /// No daemon listens: the socket is missing or the connection was refused.
        public static let daemonUnreachable = Category("daemonUnreachable")
        /// The socket exists but this process may not open it.
        public static let permissionDenied = Category("permissionDenied")
        /// The connection or the request did not complete in time.
        public static let timeout = Category("timeout")
        /// The daemon's answer could not be read: bad HTTP, bad JSON, a cut stream.
        public static let malformedResponse = Category("malformedResponse")
        /// The connection broke.
        public static let connection = Category("connection")
        /// TLS failed: the daemon's certificate was not trusted, or it refused ours.
        public static let tls = Category("tls")
        /// An option needs a newer API version than the one in use; nothing was sent.
        public static let unsupportedByAPIVersion = Category("unsupportedByAPIVersion")
        /// A value given by the caller (a name, an id, a host) is not valid; nothing was sent.
        public static let invalidInput = Category("invalidInput")
        /// The client's configuration (host, version, TLS) is not valid.
        public static let invalidConfiguration = Category("invalidConfiguration")
        /// The client was shut down.
        public static let shutdown = Category("shutdown")
        /// More data than the limit the caller set (e.g. collected output); nothing was cut silently.
        public static let limitExceeded = Category("limitExceeded")
    }

    /// What kind of failure.
    public var category: Category
    /// The HTTP status of the daemon's answer, when there was one.
    public var statusCode: Int?
    /// The daemon's `message`, or a description of the failure.
    public var message: String
    /// What the user can do about it, when known.
    public var hint: String?
    /// The `code` of an error reported inside a stream (`errorDetail.code`): a failed build
    /// step's exit code, for instance.
    public var code: Int?
    /// For a failed BuildKit build, the step that failed and its last lines of output, as its
    /// progress described them.
    public var failedBuildStep: FailedBuildStep?

    public init(category: Category, statusCode: Int? = nil, message: String, hint: String? = nil, code: Int? = nil) {
        self.category = category
        self.statusCode = statusCode
        self.message = message
        self.hint = hint
        self.code = code
    }

    /// `Error response from daemon: <message>` for daemon answers, as the docker CLI prints
    /// them; the message and the hint otherwise.
    public var description: String {
        var text = self.statusCode != nil ? "Error response from daemon: \(self.message)" : self.message
        if let hint { text += " (\(hint))" }
        return text
    }

    static func invalidConfiguration(_ message: String, hint: String? = nil) -> DockerError {
        DockerError(category: .invalidConfiguration, message: message, hint: hint)
    }

    static func invalidInput(_ message: String) -> DockerError {
        DockerError(category: .invalidInput, message: message)
    }

    static func malformedResponse(_ message: String) -> DockerError {
        DockerError(category: .malformedResponse, message: message)
    }

    /// An option that needs API `minimum` while `current` is in use.
    static func requires(_ feature: String, minimum: APIVersion, current: APIVersion) -> DockerError {
        DockerError(
            category: .unsupportedByAPIVersion,
            message: "\(feature) requires API ≥ \(minimum), but the client uses API \(current)",
            hint: current < APIVersion.clientMaximum
                ? "the daemon (or DOCKER_API_VERSION) limits the API to \(current): upgrade the daemon or unpin the version"
                : nil
        )
    }
}
