import NIOCore
import StevedoreText
import StevedoreTransport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DockerError {
    /// The error for a daemon answer with status ≥ 400 (or 304) and `body`, the JSON
    /// `{"message": …}` the daemon sends (any other text is taken as the message), without
    /// the white space around it, as moby's client trims it (a runtime's error ends in a
    /// newline).
    init(status: Int, body: ByteBuffer) {
        struct Message: Decodable {
            var message: String
        }
        let decoded = try? JSONDecoder().decode(Message.self, from: Data(readableBytesOf: body))
        let trimmed = (decoded?.message ?? String(decoding: body.readableBytesView, as: UTF8.self)).trimmingWhitespace()
        let text = trimmed.isEmpty ? "HTTP status \(status)" : trimmed
        let category: Category
        var hint: String?
        switch status {
        case 304: category = .notModified
        case 400 where text.contains("client version") && (text.contains("too new") || text.contains("too old")):
            category = .versionMismatch
            hint = "set DOCKER_API_VERSION to a version the daemon supports, or unset it to negotiate"
        case 400 where text.contains("HTTP request to an HTTPS server"):
            category = .invalidArgument
            hint = "the daemon expects TLS: add --tlsverify (or set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)"
        case 400: category = .invalidArgument
        case 401: category = .unauthorized
        case 403: category = .forbidden
        case 404: category = .notFound
        case 409: category = .conflict
        // dockerd before 23 answers a refused registry login with 500; later ones with 401.
        case 500 where text.contains("failed with status: 401 Unauthorized"): category = .unauthorized
        case 501: category = .notImplemented
        case 503: category = .unavailable
        default: category = .server
        }
        self.init(category: category, statusCode: status, message: text, hint: hint)
    }

    /// The error for an `errorDetail` line inside a `200` progress stream (pull, push, import,
    /// load). The daemon gives no status there, so the category comes from the text: a missing
    /// image, tag or repository is ``Category/notFound``; refused or missing credentials are
    /// ``Category/unauthorized``; anything else ``Category/server``. It has no ``statusCode``
    /// (the answer's was 200), so it prints as the bare message, as the docker CLI prints it.
    init(streamError message: String) {
        let text = message.lowercased()
        let category: Category
        var hint: String?
        if ["no basic auth credentials", "unauthorized", "authentication required", "access denied", "denied:"].contains(
            where: text.contains)
        {
            category = .unauthorized
            hint = "log in to the registry (stevedore login), or pass credentials"
        } else if ["not found", "manifest unknown", "no such image", "does not exist", "name unknown"].contains(where: text.contains) {
            category = .notFound
        } else {
            category = .server
        }
        self.init(category: category, message: message, hint: hint)
    }

    /// The error for an `errorDetail` line in a build's output: the step that failed, with its
    /// exit code in ``code`` when the daemon gives it.
    init(buildError message: String, code: Int?) {
        self.init(category: .buildFailed, message: message, code: code ?? Self.buildKitExitCode(message))
    }

    /// The exit code BuildKit writes at the end of a failed `RUN` step's error (`… did not
    /// complete successfully: exit code: 3`; before BuildKit 0.10, as in dockerd 20.10,
    /// `executor failed running [/bin/sh -c …]: exit code: 3`): only there, as the message may
    /// hold the user's own text (a file's name) elsewhere.
    private static func buildKitExitCode(_ message: String) -> Int? {
        let ends = ["did not complete successfully: exit code: ", "]: exit code: "]
        guard let marker = ends.compactMap({ message.ranges(of: $0).last }).max(by: { $0.upperBound < $1.upperBound }) else {
            return nil
        }
        return Int(message[marker.upperBound...].trimmingWhitespace())
    }

    /// The error for a transport failure talking to `host`, with a hint for the common causes.
    init(transport error: HTTPTransportError, host: DockerHost) {
        let daemonHint = "is the Docker daemon running? DOCKER_HOST=\(host)"
        switch error.code {
        case .socketNotFound:
            self.init(
                category: .daemonUnreachable, message: "Cannot connect to the Docker daemon at \(host): the socket does not exist",
                hint: daemonHint)
        case .connectionRefused:
            self.init(
                category: .daemonUnreachable, message: "Cannot connect to the Docker daemon at \(host): connection refused",
                hint: daemonHint)
        case .permissionDenied:
            self.init(
                category: .permissionDenied,
                message: "permission denied while trying to connect to the Docker daemon at \(host)",
                hint: "run as a user in the socket's group (usually `docker`) or as root"
            )
        case .connectTimeout:
            self.init(category: .timeout, message: "timed out connecting to the Docker daemon at \(host)", hint: daemonHint)
        case .deadlineExceeded:
            self.init(category: .timeout, message: "the request to \(host) did not complete before its deadline")
        case .malformedResponse:
            self.init(category: .malformedResponse, message: "the daemon at \(host) sent an invalid response: \(error.detail)")
        case .bodyTooLarge:
            self.init(category: .malformedResponse, message: "the daemon's answer is too large: \(error.detail)")
        case .shutdown:
            self.init(category: .shutdown, message: "the Docker client was shut down")
        case .tls:
            self.init(
                category: .tls,
                message: "the TLS connection to \(host) failed: \(error.detail)",
                hint:
                    "check the CA (--tlscacert, DOCKER_CERT_PATH/ca.pem), the client certificate and key, and that the daemon's "
                    + "certificate names this host"
            )
        case .commandNotFound:
            self.init(
                category: .invalidConfiguration,
                message: "cannot reach \(host): \(error.detail)",
                hint: "install the OpenSSH client (apt-get install openssh-client)"
            )
        case .connectionClosed, .upgradeRefused, .io:
            self.init(category: .connection, message: "the connection to \(host) failed: \(error.detail)")
        }
    }

    /// Maps any error thrown while talking to the daemon: transport errors get a category and a
    /// hint; ``DockerError``s and cancellation pass through. A transport error in a cancelled
    /// task is `CancellationError`: cancelling closes the connection, and the failure that close
    /// causes (no answer, a cut body, a refused write) is the cancellation's, not the daemon's.
    static func wrapping(_ error: any Error, host: DockerHost) -> any Error {
        if Task.isCancelled, error is HTTPTransportError || error is ChannelError || error is IOError {
            return CancellationError()
        }
        switch error {
        case let error as HTTPTransportError: return DockerError(transport: error, host: host)
        case let error as DecodingError: return DockerError.malformedResponse("the daemon's JSON could not be decoded: \(error)")
        // NIO's own errors reach here when the daemon closes the connection mid-request (e.g.
        // it answers an upload with an error and hangs up while the body is still being sent).
        case let error as ChannelError: return DockerError(category: .connection, message: "the connection to \(host) failed: \(error)")
        case let error as IOError: return DockerError(category: .connection, message: "the connection to \(host) failed: \(error)")
        default: return error
        }
    }
}
