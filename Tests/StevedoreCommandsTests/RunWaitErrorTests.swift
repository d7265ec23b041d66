import Foundation
import StevedoreTestSupport
import Testing

/// `run` against a fake daemon whose wait reports an error: what a real daemon does when it
/// fails to remove an `AutoRemove` container, which no test engine can be made to do.
struct RunWaitErrorTests {
    static func response(_ status: String, _ body: String) -> String {
        "HTTP/1.1 \(status)\r\nAPI-Version: 1.41\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    /// docker reports the wait's error and exits 125, whatever the exit code.
    @Test func aWaitErrorIsReportedWithExitCode125() async throws {
        let server = try await FakeHTTPServer.start { connection in
            while let request = try await connection.readRequest() {
                let path = request.target.split(separator: "?").first.map(String.init) ?? ""
                if path.hasSuffix("/_ping") {
                    try await connection.write(Self.response("200 OK", request.method == .HEAD ? "" : "OK"))
                } else if path.hasSuffix("/containers/create") {
                    try await connection.write(Self.response("201 Created", #"{"Id":"c0ffee","Warnings":[]}"#))
                } else if path.hasSuffix("/containers/c0ffee/attach") {
                    let head = "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\n"
                    try await connection.write(head + "Upgrade: tcp\r\n\r\n")
                    await connection.close()
                    return
                } else if path.hasSuffix("/containers/c0ffee/wait") {
                    try await connection.write(Self.response("200 OK", #"{"Error":{"Message":"removal failed"},"StatusCode":0}"#))
                } else if path.hasSuffix("/containers/c0ffee/json") {
                    // Below API 1.42 the attach's framing comes from the container's Tty.
                    try await connection.write(Self.response("200 OK", #"{"Id":"c0ffee","Config":{"Tty":false}}"#))
                } else if path.hasSuffix("/containers/c0ffee/start") {
                    try await connection.write("HTTP/1.1 204 No Content\r\nAPI-Version: 1.41\r\n\r\n")
                } else {
                    try await connection.write(Self.response("404 Not Found", #"{"message":"the fake daemon has no \#(path)"}"#))
                }
            }
        }
        let outcome = try await withTimeout(60) {
            try await CommandLineProcess.stevedore.run(
                ["run", "--rm", "busybox", "true"],
                environment: ["DOCKER_HOST": server.target.description, "DOCKER_CONTEXT": nil, "DOCKER_API_VERSION": nil])
        }
        await server.shutdown()
        #expect(outcome.status == 125, "\(outcome)")
        // As docker's logrus writes it off a terminal: time="…" level=error msg="…".
        #expect(outcome.standardError.hasPrefix("time=\""), "\(outcome)")
        #expect(outcome.standardError.hasSuffix("\" level=error msg=\"Error waiting for container: removal failed\"\n"), "\(outcome)")
    }
}
