import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

@Suite("Websocket attach against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct WebSocketAttachTests {
    @Test func stdinAndOutputOverAWebSocket() async throws {
        try await TestEngine.withClient { client in
            let body = ContainerCreateBody(openStdin: true, stdinOnce: true, cmd: ["sh", "-c", "read line; echo \"got $line\"; echo to-stderr >&2; cat"])
            try await withContainer(body, client: client) { id in
                let text = try await client.withWebSocketAttachedContainer(id, options: .init(stdin: true)) { streams in
                    try await client.startContainer(id)
                    #expect(streams.output.framing == .raw)
                    // Larger than one frame header's short form, to exercise extended lengths.
                    let long = String(repeating: "x", count: 70_000)
                    try await streams.write("hello ws\n\(long)\n")
                    var text = ""
                    for try await chunk in streams.output {
                        #expect(chunk.stream == .console)
                        text += chunk.text
                        // stderr may come before or after the echo: wait for both.
                        if text.contains(long + "\n") && text.contains("to-stderr\n") { break }
                    }
                    return text
                }
                // stdout and stderr share the websocket, in no fixed order between them.
                #expect(text.contains("got hello ws\n"))
                #expect(text.contains("to-stderr\n"))
                #expect(text.contains(String(repeating: "x", count: 70_000) + "\n"))
            }
        }
    }

    @Test func closingWriteEndsStdin() async throws {
        try await TestEngine.withClient { client in
            let body = ContainerCreateBody(openStdin: true, stdinOnce: true, cmd: ["sh", "-c", "cat >/dev/null; echo stdin-closed"])
            try await withContainer(body, client: client) { id in
                try await client.withWebSocketAttachedContainer(id, options: .init(stdin: true)) { streams in
                    try await client.startContainer(id)
                    try await streams.write("ignored\n")
                    try await streams.closeWrite()
                }
                #expect(try await client.waitContainer(id).statusCode == 0)
                let logs = try await client.logs(id).collect(upTo: 1 << 10)
                #expect(logs.stdoutText == "stdin-closed\n")
            }
        }
    }
}
