import NIOCore
import Stevedore
import StevedoreTestSupport
import Testing

@Suite(
    "Exec against the real engine", .enabled("needs a reachable Docker engine: scripts/test starts one") { await TestEngine.shouldRun() })
struct ExecTests {
    /// Runs `test` with a running container that sleeps.
    private func withRunningContainer(_ client: DockerClient, _ test: (String) async throws -> Void) async throws {
        try await withContainer(ContainerCreateBody(cmd: ["sleep", "300"]), client: client) { id in
            try await client.containers.start(id)
            try await test(id)
        }
    }

    @Test func sixtyFourMiBThroughCatArriveByteExact() async throws {
        let input = Array(randomBytes(64 << 20, seed: 65).readableBytesView)
        try await TestEngine.withClient { client in
            try await self.withRunningContainer(client) { id in
                let result = try await client.exec.run(["cat"], in: id, options: .init(stdin: input, maxOutputBytes: 64 << 20))
                #expect(result.exitCode == 0)
                #expect(result.output.stderrBytes.isEmpty)
                #expect(result.output.stdoutBytes.count == input.count)
                #expect(result.output.stdoutBytes == input)
            }
        }
    }

    /// A process that ends without reading its input: the rest of the input is dropped, as
    /// docker drops it, and the result still comes (it hung, or failed, while the write waited).
    @Test func aProcessThatReadsNoInputStillGivesItsResult() async throws {
        let input = [UInt8](repeating: 0x61, count: 16 << 20)
        try await TestEngine.withClient { client in
            try await self.withRunningContainer(client) { id in
                let result = try await client.exec.run(["sh", "-c", "echo done; exit 4"], in: id, options: .init(stdin: input))
                #expect(result.exitCode == 4)
                #expect(result.output.stdoutText == "done\n")
            }
        }
    }

    @Test func envUserWorkingDirAndExitCodes() async throws {
        try await TestEngine.withClient { client in
            try await self.withRunningContainer(client) { id in
                let options = ExecRunOptions(env: ["GREETING=hello from env"], user: "nobody", workingDir: "/tmp")
                let result = try await client.exec.run(
                    ["sh", "-c", "echo $GREETING; id -un; pwd; echo oops >&2; exit 7"], in: id, options: options)
                #expect(result.exitCode == 7)
                #expect(result.output.stdoutText == "hello from env\nnobody\n/tmp\n")
                #expect(result.output.stderrText == "oops\n")
            }
        }
    }

    @Test func ttyExecIsRawAndResizable() async throws {
        try await TestEngine.withClient { client in
            try await self.withRunningContainer(client) { id in
                let config = ExecConfig(
                    attachStdin: true, attachStdout: true, attachStderr: true, tty: true, cmd: ["sh", "-c", "read line; stty size; exit 3"])
                let (text, exitCode) = try await client.exec.withRun(config, in: id) { streams in
                    #expect(streams.output.framing == .raw)
                    try await streams.resize(height: 21, width: 77)
                    try await streams.write("go\n")
                    var text = ""
                    for try await chunk in streams.output {
                        #expect(chunk.stream == .console)
                        text += chunk.text
                    }
                    return text
                }
                #expect(text.contains("21 77\r\n"))
                #expect(exitCode == 3)
            }
        }
    }

    @Test func detachedStartAndInspect() async throws {
        try await TestEngine.withClient { client in
            try await self.withRunningContainer(client) { id in
                // Privileged is recorded (this sandbox's runtime cannot start such a process).
                let privileged = try await client.exec.create(ExecConfig(cmd: ["true"], privileged: true), in: id)
                #expect(try await client.exec.inspect(privileged).processConfig?.privileged == true)

                let execID = try await client.exec.create(ExecConfig(cmd: ["sh", "-c", "exit 4"], user: "root"), in: id)
                let before = try await client.exec.inspect(execID)
                #expect(before.running == false)
                #expect(before.containerID == (try await client.containers.inspect(id).id))
                #expect(before.processConfig?.entrypoint == "sh")
                #expect(before.processConfig?.arguments == ["-c", "exit 4"])
                #expect(before.processConfig?.user == "root")
                try await client.exec.start(execID)
                #expect(try await client.exec.waitForExit(execID) == 4)
            }
        }
    }

    @Test func execInAStoppedContainerIsAConflict() async throws {
        try await TestEngine.withClient { client in
            try await withContainer(ContainerCreateBody(cmd: ["true"]), client: client) { id in
                let error = await #expect(throws: DockerError.self) { try await client.exec.run(["true"], in: id) }
                #expect(error?.category == .conflict)
            }
        }
    }

    @Test func envIsRefusedBeforeSendingOnAPI124() async throws {
        var configuration = try DockerClientConfiguration.fromEnvironment()
        configuration.apiVersion = APIVersion(1, 24)
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        // The container does not exist: the version check must fail first.
        let error = await #expect(throws: DockerError.self) {
            _ = try await client.exec.create(ExecConfig(env: ["A=1"], cmd: ["true"]), in: "stevedore-no-such-container")
        }
        #expect(error?.category == .unsupportedByAPIVersion)
        #expect(error?.message.contains("1.25") == true)
        // Without Env the same client reaches the daemon.
        let missing = await #expect(throws: DockerError.self) {
            _ = try await client.exec.create(ExecConfig(cmd: ["true"]), in: "stevedore-no-such-container")
        }
        #expect(missing?.category == .notFound)
    }

    @Test func anEmptyCommandIsInvalidInput() async throws {
        try await TestEngine.withClient { client in
            let error = await #expect(throws: DockerError.self) { _ = try await client.exec.create(ExecConfig(cmd: []), in: "x1") }
            #expect(error?.category == .invalidInput)
        }
    }
}
