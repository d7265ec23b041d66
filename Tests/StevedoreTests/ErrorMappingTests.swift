import NIOCore
import StevedoreTransport
import Testing

@testable import Stevedore

@Suite struct ErrorMappingTests {
    private func daemonError(_ status: Int, _ body: String) -> DockerError {
        DockerError(status: status, body: ByteBuffer(string: body))
    }

    @Test(arguments: [
        (304, DockerError.Category.notModified),
        (400, .invalidArgument),
        (401, .unauthorized),
        (403, .forbidden),
        (404, .notFound),
        (409, .conflict),
        (500, .server),
        (501, .notImplemented),
        (503, .unavailable),
        (418, .server),
    ])
    func statusesMapToCategories(status: Int, category: DockerError.Category) {
        let error = self.daemonError(status, #"{"message":"boom"}"#)
        #expect(error.category == category)
        #expect(error.statusCode == status)
        #expect(error.message == "boom")
        #expect(error.description == "Error response from daemon: boom")
    }

    /// As moby's client: the message without the white space around it (a runtime's error
    /// ends in a newline); nothing left, the status.
    @Test func theMessageIsTrimmed() {
        #expect(self.daemonError(500, #"{"message":"runc failed: boom\n\n"}"#).message == "runc failed: boom")
        #expect(self.daemonError(500, " plain text \n").message == "plain text")
        #expect(self.daemonError(500, #"{"message":" "}"#).message == "HTTP status 500")
    }

    @Test func versionErrorsAreRecognised() {
        let tooNew = self.daemonError(400, #"{"message":"client version 1.99 is too new. Maximum supported API version is 1.41"}"#)
        #expect(tooNew.category == .versionMismatch)
        #expect(tooNew.hint?.contains("DOCKER_API_VERSION") == true)
        let tooOld = self.daemonError(
            400,
            #"{"message":"client version 1.11 is too old. Minimum supported API version is 1.12, please upgrade your "#
                + #"client to a newer version"}"#
        )
        #expect(tooOld.category == .versionMismatch)
    }

    @Test func aBodyThatIsNotJSONBecomesTheMessage() {
        #expect(self.daemonError(502, "Bad Gateway\n").message == "Bad Gateway")
        #expect(self.daemonError(500, "").message == "HTTP status 500")
    }

    @Test func transportFailuresGetHints() throws {
        let host = try DockerHost(parsing: "unix:///run/x.sock")
        let missing = DockerError(transport: HTTPTransportError(.socketNotFound, "x"), host: host)
        #expect(missing.category == .daemonUnreachable)
        #expect(missing.hint == "is the Docker daemon running? DOCKER_HOST=unix:///run/x.sock")
        let denied = DockerError(transport: HTTPTransportError(.permissionDenied, "x"), host: host)
        #expect(denied.category == .permissionDenied)
        #expect(denied.hint?.contains("docker") == true)
        let refused = DockerError(transport: HTTPTransportError(.connectionRefused, "x"), host: host)
        #expect(refused.category == .daemonUnreachable)
        let garbage = DockerError(transport: .malformedResponse("bad"), host: host)
        #expect(garbage.category == .malformedResponse)
    }

    @Test func aMissingSocketIsReportedWithItsPath() async throws {
        let client = try DockerClient(configuration: .init(host: .unixSocket("/nonexistent/stevedore.sock")))
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await client.system.ping() }
        #expect(error?.category == .daemonUnreachable)
        #expect(error?.message.contains("/nonexistent/stevedore.sock") == true)
    }

    @Test func aClosedPortIsConnectionRefused() async throws {
        let client = try DockerClient(configuration: .init(host: try DockerHost(parsing: "tcp://127.0.0.1:1")))
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await client.system.version() }
        #expect(error?.category == .daemonUnreachable)
    }
}
