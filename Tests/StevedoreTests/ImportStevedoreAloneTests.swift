import Foundation
import Stevedore
import Testing

// This file imports Stevedore and nothing of its dependencies (Foundation only for `Data`):
// it compiles only while every type a user's ordinary work names is reachable through
// `import Stevedore` (CONTRIBUTING, "Nothing leaked"). Swift resolves top-level names per file,
// so the other files of this target, which import NIO, do not make it pass.
@Suite struct ImportStevedoreAloneTests {
    @Test func configurationLoggerAndBytesNeedNoOtherImport() throws {
        var configuration = DockerClientConfiguration(host: .unixSocket("/var/run/docker.sock"))
        configuration.apiVersion = APIVersion(1, 41)
        configuration.requestTimeout = .seconds(30)
        configuration.connectionPool.maxConnections = 4
        configuration.connectionPool.connectTimeout = .seconds(2)
        var logger = Logger(label: "test")
        logger.logLevel = .debug
        let client = try DockerClient(configuration: configuration, logger: logger)
        defer { client.shutdown() }
        #expect(client.configuration.connectionPool.maxConnections == 4)

        let chunk = ContainerOutputChunk(.stdout, ByteBuffer(bytes: Array("hi".utf8)))
        #expect(chunk.byteArray == Array("hi".utf8))
        #expect(chunk.text == "hi")
        let collected = CollectedOutput(stdout: ByteBuffer(bytes: [1, 2]))
        #expect(collected.stdoutBytes == [1, 2])
        _ = ByteSource.bytes(Data([1, 2, 3]))
        _ = ByteSource.stream([[UInt8]([1]), [2]].async)
    }

    @Test func pinningTheVersionFromTheEnvironmentIsOneCall() throws {
        let client = try DockerClient.fromEnvironment(apiVersion: APIVersion(1, 41), logger: Logger(label: "test"))
        defer { client.shutdown() }
        #expect(client.configuration.apiVersion == APIVersion(1, 41))
    }
}

extension Array where Element: Sendable {
    /// The elements as an `AsyncSequence`, for upload sources.
    fileprivate var async: AsyncStream<Element> {
        AsyncStream { continuation in
            for element in self { continuation.yield(element) }
            continuation.finish()
        }
    }
}
