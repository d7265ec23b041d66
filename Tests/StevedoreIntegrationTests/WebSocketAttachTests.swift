import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Websocket attach against the real engine",
    .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct WebSocketAttachTests {
    @Test func stdinAndOutputOverAWebSocket() async throws {
        try await TestEngine.withClient { client in
            let body = ContainerCreateBody(
                openStdin: true, stdinOnce: true, cmd: ["sh", "-c", "read line; echo \"got $line\"; echo to-stderr >&2; cat"])
            // Larger than one frame header's short form, to exercise extended lengths.
            let long = String(repeating: "x", count: 70_000)
            let stdout = "got hello ws\n\(long)\n"
            let stderr = "to-stderr\n"
            try await withContainer(body, client: client) { id in
                var text = try await withTimeout(120) {
                    try await client.containers.withAttachWebSocket(id, options: .init(stdin: true)) { streams in
                        try await client.containers.start(id)
                        #expect(streams.output.framing == .raw)
                        try await streams.write("hello ws\n\(long)\n")
                        var text = ""
                        for try await chunk in streams.output {
                            #expect(chunk.stream == .console)
                            text += chunk.text
                            if text.utf8.count >= stdout.utf8.count + stderr.utf8.count { break }
                        }
                        return text
                    }
                }
                // The daemon copies the container's stdout and stderr pipes into the one websocket
                // independently, so stderr's line lands between any two of stdout's chunks (even
                // inside the long line); stdout itself arrives whole and in order.
                let stderrLine = try #require(text.range(of: stderr), "\(text.prefix(100))")
                text.removeSubrange(stderrLine)
                #expect(text == stdout)
            }
        }
    }

    @Test func closingWriteEndsStdin() async throws {
        try await TestEngine.withClient { client in
            let body = ContainerCreateBody(openStdin: true, stdinOnce: true, cmd: ["sh", "-c", "cat >/dev/null; echo stdin-closed"])
            try await withContainer(body, client: client) { id in
                try await client.containers.withAttachWebSocket(id, options: .init(stdin: true)) { streams in
                    try await client.containers.start(id)
                    try await streams.write("ignored\n")
                    try await streams.closeWrite()
                }
                #expect(try await client.containers.wait(id).statusCode == 0)
                let logs = try await client.containers.logs(id).collect(upTo: 1 << 10)
                #expect(logs.stdoutText == "stdin-closed\n")
            }
        }
    }
}
