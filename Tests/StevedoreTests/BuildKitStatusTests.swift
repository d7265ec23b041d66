import Foundation
import Testing

@testable import Stevedore

@Suite("BuildKit progress: trace decoding and the failed step")
struct BuildKitStatusTests {
    /// A trace Docker 28.5 sent: the first step of a build, started.
    static let startedTrace =
        "CnwKR3NoYTI1NjpiM2U5YWYyY2VmMjI2MDdhNjRhN2EwZmEwZTZkOGEwMWNhNzIwYjMzZWEyOWM2MzM5ZmEwYWVkZWEwYzJjNjliGiRbaW50ZXJuYWxd"
        + "IGxvYWQgcmVtb3RlIGJ1aWxkIGNvbnRleHQqCwiL+8HYBhD946Fu"

    @Test func aTraceFromTheDaemonDecodes() throws {
        let message = ProgressMessage(id: "moby.buildkit.trace", aux: .string(Self.startedTrace))
        let status = try #require(try message.buildKitStatus)
        #expect(status.vertexes.count == 1)
        let vertex = try #require(status.vertexes.first)
        #expect(vertex.digest == "sha256:b3e9af2cef22607a64a7a0fa0e6d8a01ca720b33ea29c6339fa0aedea0c2c69b")
        #expect(vertex.name == "[internal] load remote build context")
        #expect(vertex.started != nil && vertex.completed == nil && !vertex.cached && vertex.error == nil)
        #expect(try ProgressMessage(stream: "Step 1/2").buildKitStatus == nil)
    }

    @Test func aTraceThatDoesNotDecodeIsAMalformedResponse() {
        for aux in ["not base64!", Data([0xFF, 0xFF, 0xFF]).base64EncodedString()] {
            let error = #expect(throws: DockerError.self) {
                try ProgressMessage(id: "moby.buildkit.trace", aux: .string(aux)).buildKitStatus
            }
            #expect(error?.category == .malformedResponse)
        }
    }

    @Test func theFailedStepKeepsItsLastLinesAcrossPieces() {
        var steps = BuildKitStepOutput()
        steps.add(
            BuildKitStatus(vertexes: [BuildKitVertex(digest: "a", name: "[1/2] FROM x"), BuildKitVertex(digest: "b", name: "[2/2] RUN y")]))
        #expect(steps.failedStep == nil)
        let text = (1...15).map { "line \($0)" }.joined(separator: "\n")
        let middle = text.index(text.startIndex, offsetBy: 40)
        steps.add(
            BuildKitStatus(logs: [
                BuildKitLog(vertex: "b", stream: 1, data: Array(text[..<middle].utf8)),
                BuildKitLog(vertex: "a", stream: 1, data: Array("other step\n".utf8)),
                BuildKitLog(vertex: "b", stream: 2, data: Array(text[middle...].utf8)),
            ]))
        steps.add(BuildKitStatus(vertexes: [BuildKitVertex(digest: "b", name: "[2/2] RUN y", error: "exit code: 1")]))
        #expect(steps.failedStep == FailedBuildStep(name: "[2/2] RUN y", lastOutput: (6...15).map { "line \($0)" }))
    }

    @Test func buildKitExitCodesAreReadFromTheMessage() {
        let error = DockerError(buildError: "process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3", code: nil)
        #expect(error.code == 3)
        #expect(DockerError(buildError: "failed to solve: no such file", code: nil).code == nil)
        // BuildKit before 0.10 (dockerd 20.10).
        #expect(DockerError(buildError: "executor failed running [/bin/sh -c exit 3]: exit code: 3", code: nil).code == 3)
        // Only at the end of BuildKit's words: elsewhere the number is the user's text.
        #expect(DockerError(buildError: "COPY failed: file not found: stat exit code: 256: no such file", code: nil).code == nil)
        #expect(DockerError(buildError: "did not complete successfully: exit code: 99999999999999999999", code: nil).code == nil)
    }
}
