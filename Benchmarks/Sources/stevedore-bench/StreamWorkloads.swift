import NIOCore
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The workloads of Stevedore's streams API (3–6 and 8 of Benchmarks/README.md).
enum StreamWorkloads {
    /// Counts of the demultiplexed output.
    struct Counts {
        var stdout: Int64 = 0
        var stderr: Int64 = 0

        mutating func add(_ chunk: ContainerOutputChunk) {
            if chunk.stream == .stderr {
                self.stderr += Int64(chunk.bytes.readableBytes)
            } else {
                self.stdout += Int64(chunk.bytes.readableBytes)
            }
        }

        static func of(_ output: ContainerOutput) async throws -> Counts {
            var counts = Counts()
            for try await chunk in output { counts.add(chunk) }
            return counts
        }

        func expect(stdout: Int64, stderr: Int64, _ what: String) throws {
            guard self.stdout == stdout, self.stderr == stderr else {
                throw BenchFailure("\(what): \(self.stdout)/\(self.stderr) bytes, expected \(stdout)/\(stderr)")
            }
        }
    }

    /// logs: the whole output of a finished container, demultiplexed into counters.
    static func logs(_ client: DockerClient, container: String, stdout: Int64, stderr: Int64) async throws -> BenchResult {
        let clock = ContinuousClock()
        let start = clock.now
        let counts = try await Counts.of(try await client.containers.logs(container, options: .init(stdout: true, stderr: true)))
        let duration = clock.now - start
        try counts.expect(stdout: stdout, stderr: stderr, "logs")
        return BenchResult(operations: 1, bytes: stdout + stderr, duration: duration)
    }

    /// attach: `head -c size /dev/zero` (no log driver) attached before start, to EOF.
    static func attach(_ client: DockerClient, image: String, size: Int64) async throws -> BenchResult {
        let body = ContainerCreateBody(
            attachStdout: true, attachStderr: true, cmd: ["head", "-c", String(size), "/dev/zero"], image: image,
            hostConfig: HostConfig(logConfig: .init(type: .init(rawValue: "none")), networkMode: "none"))
        return try await withContainer(client, body) { id in
            let clock = ContinuousClock()
            let start = clock.now
            let counts = try await client.containers.withAttach(id, startingContainer: true) { streams in
                try await Counts.of(streams.output)
            }
            let duration = clock.now - start
            try await expectExit(client, id)
            try counts.expect(stdout: size, stderr: 0, "attach")
            return BenchResult(operations: 1, bytes: size, duration: duration)
        }
    }

    /// stdin-echo: `cat` attached with stdin; `size` bytes written then half-closed, read back.
    static func stdinEcho(_ client: DockerClient, image: String, size: Int64) async throws -> BenchResult {
        let body = ContainerCreateBody(
            attachStdin: true, attachStdout: true, attachStderr: true, openStdin: true, stdinOnce: true, cmd: ["cat"],
            image: image, hostConfig: HostConfig(networkMode: "none"))
        return try await withContainer(client, body) { id in
            let clock = ContinuousClock()
            let start = clock.now
            let counts = try await client.containers.withAttach(id, options: .init(stdin: true), startingContainer: true) { streams in
                try await withThrowingTaskGroup(of: Counts?.self) { group in
                    group.addTask {
                        try await streams.write(
                            contentsOf: Slices(of: ByteBuffer(repeating: 0, count: 64 << 10), total: size, size: 64 << 10))
                        return nil
                    }
                    group.addTask { try await Counts.of(streams.output) }
                    var counts = Counts()
                    for try await result in group {
                        if let result { counts = result }
                    }
                    return counts
                }
            }
            let duration = clock.now - start
            try await expectExit(client, id)
            try counts.expect(stdout: size, stderr: 0, "stdin-echo")
            return BenchResult(operations: 1, bytes: size, duration: duration)
        }
    }

    /// exec: `count` × (create `true`, start attached to EOF, exit code 0).
    static func exec(_ client: DockerClient, container: String, count: Int) async throws -> BenchResult {
        let config = ExecConfig(attachStdout: true, attachStderr: true, cmd: ["true"])
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count {
            let id = try await client.exec.create(config, in: container)
            _ = try await client.exec.withAttach(id, options: .init(tty: false)) { streams in
                try await Counts.of(streams.output)
            }
            let exitCode = try await client.exec.waitForExit(id)
            guard exitCode == 0 else { throw BenchFailure("exec exited \(exitCode)") }
        }
        return BenchResult(operations: count, duration: clock.now - start)
    }

    /// exec-run: exec through ``DockerClient/Exec/run(_:in:options:)``: the same requests,
    /// the output collected.
    static func execRun(_ client: DockerClient, container: String, count: Int) async throws -> BenchResult {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<count {
            let result = try await client.exec.run(["true"], in: container)
            guard result.exitCode == 0 else { throw BenchFailure("exec exited \(result.exitCode)") }
        }
        return BenchResult(operations: count, duration: clock.now - start)
    }

    /// demux: a `total`-byte multiplexed buffer (the frame cycle every driver shares) read in
    /// 64 KiB slices through ``ContainerOutput``, into counters.
    static func demux(total: Int) async throws -> BenchResult {
        let frameSizes = [8, 100, 1024, 4096, 16384, 65536, 262144]
        var buffer = ByteBufferAllocator().buffer(capacity: total)
        var expected = Counts()
        for index in 0... {
            let size = frameSizes[index % frameSizes.count]
            guard buffer.writerIndex + 8 + size <= total else { break }
            let stream: UInt8 = index % 2 == 0 ? 1 : 2
            buffer.writeInteger(stream)
            buffer.writeRepeatingByte(0, count: 3)
            buffer.writeInteger(UInt32(size))
            buffer.writeRepeatingByte(0, count: size)
            if stream == 1 { expected.stdout += Int64(size) } else { expected.stderr += Int64(size) }
        }
        let length = buffer.readableBytes
        let slices = Slices(of: buffer, size: 64 << 10)
        let clock = ContinuousClock()
        let start = clock.now
        let counts = try await Counts.of(ContainerOutput(slices, framing: .multiplexed))
        let duration = clock.now - start
        try counts.expect(stdout: expected.stdout, stderr: expected.stderr, "demux")
        return BenchResult(operations: 1, bytes: Int64(length), duration: duration)
    }

    private static func withContainer(
        _ client: DockerClient, _ body: ContainerCreateBody, _ run: (String) async throws -> BenchResult
    ) async throws -> BenchResult {
        let id = try await client.containers.create(body).id
        do {
            let result = try await run(id)
            try await client.containers.remove(id, options: .init(force: true))
            return result
        } catch {
            try? await client.containers.remove(id, options: .init(force: true))
            throw error
        }
    }

    private static func expectExit(_ client: DockerClient, _ id: String) async throws {
        let exit = try await client.containers.wait(id)
        guard exit.statusCode == 0 else { throw BenchFailure("container exited \(exit.statusCode)") }
    }
}

/// `total` bytes of `buffer`, read over and over, as consecutive slices of at most `size`
/// bytes: as reads from a socket would deliver a stream, or as a writer would send one.
struct Slices: AsyncSequence, Sendable {
    var buffer: ByteBuffer
    var total: Int64
    var size: Int

    init(of buffer: ByteBuffer, total: Int64? = nil, size: Int) {
        self.buffer = buffer
        self.total = total ?? Int64(buffer.readableBytes)
        self.size = size
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let buffer: ByteBuffer
        var left: Int64
        let size: Int
        var offset = 0

        mutating func next() async -> ByteBuffer? {
            guard self.left > 0 else { return nil }
            if self.offset == self.buffer.readableBytes { self.offset = 0 }
            let length = Int(Swift.min(Int64(Swift.min(self.size, self.buffer.readableBytes - self.offset)), self.left))
            defer {
                self.offset += length
                self.left -= Int64(length)
            }
            return self.buffer.getSlice(at: self.buffer.readerIndex + self.offset, length: length)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(buffer: self.buffer, left: self.total, size: self.size) }
}
