import NIOConcurrencyHelpers
import StevedoreText
import Subprocess
import SystemPackage

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

/// A program whose standard input and output carry a connection, as `ssh host docker system
/// dial-stdio` does for `ssh://` daemons. Its standard error is kept (the last 64 KiB) to
/// explain a failure: ssh says there why it could not log in.
///
/// The program runs under swift-subprocess in a task that drains its standard error and ends
/// when the program has exited. swift-subprocess watches the child through a pidfd, so its exit
/// is seen whatever other children this process runs (Foundation's `Process` on Linux could miss
/// it, leaving a zombie and a waiter hung for ever).
final class ConnectionProcess: Sendable {
    /// Read end of the program's standard output: the connection's input. Owned by the channel.
    let inputDescriptor: CInt
    /// Write end of the program's standard input: the connection's output. Owned by the channel.
    let outputDescriptor: CInt
    /// The program's standard error so far (its last ``diagnosticsLimit`` bytes), and whether it
    /// has ended (the program exited or closed it).
    private let standardError: NIOLockedValueBox<(text: Data, ended: Bool)>
    /// Runs the program until it exits; cancelled by ``terminate()``.
    private let running: Task<Void, Never>

    /// How much of the program's standard error is kept.
    private static let diagnosticsLimit = 64 << 10
    /// How long a terminated program has between SIGTERM and SIGKILL.
    private static let shutdownGrace: Duration = .seconds(2)

    private init(
        inputDescriptor: CInt, outputDescriptor: CInt, standardError: NIOLockedValueBox<(text: Data, ended: Bool)>,
        running: Task<Void, Never>
    ) {
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
        self.standardError = standardError
        self.running = running
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`; returns once
    /// it runs. The caller owns ``inputDescriptor`` and ``outputDescriptor`` and must call
    /// ``terminate()`` when the connection closes.
    static func launch(executable: String, arguments: [String]) async throws -> ConnectionProcess {
        guard let path = Self.resolve(executable) else {
            throw HTTPTransportError(.commandNotFound, "\(executable) was not found in PATH")
        }
        let toProgram = try Self.makePipe(for: path)
        let fromProgram: (read: CInt, write: CInt)
        do {
            fromProgram = try Self.makePipe(for: path)
        } catch {
            close(toProgram.read)
            close(toProgram.write)
            throw error
        }
        let standardError = NIOLockedValueBox<(text: Data, ended: Bool)>((Data(), false))
        // Finished once the program runs, or with the error that kept it from starting.
        let (spawned, reportSpawn) = AsyncThrowingStream<Never, any Error>.makeStream()
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: Self.shutdownGrace)]
        let running = Task { [options] in
            do {
                // The program's ends of the pipes are closed here once it has them, so that the
                // channel closing ours is the EOF the program reads (and its exit ours).
                _ = try await Subprocess.run(
                    .path(FilePath(path)), arguments: Arguments(arguments), platformOptions: options,
                    input: .fileDescriptor(FileDescriptor(rawValue: toProgram.read), closeAfterSpawningProcess: true),
                    output: .fileDescriptor(FileDescriptor(rawValue: fromProgram.write), closeAfterSpawningProcess: true),
                    error: .sequence
                ) { execution in
                    reportSpawn.finish()
                    // Ends when the program exits (swift-subprocess then ends the stream even if
                    // a child of the program still holds the pipe) or when cancelled; what was
                    // read is kept either way, and a read error only shortens the diagnostics.
                    do {
                        for try await buffer in execution.standardError {
                            standardError.withLockedValue { state in
                                state.text.append(Data(buffer: buffer))
                                if state.text.count > Self.diagnosticsLimit {
                                    state.text.removeFirst(state.text.count - Self.diagnosticsLimit)
                                }
                            }
                        }
                    } catch {}
                    standardError.withLockedValue { $0.ended = true }
                }
            } catch {
                standardError.withLockedValue { $0.ended = true }
                reportSpawn.finish(throwing: error)
            }
        }
        do {
            for try await _ in spawned {}
        } catch {
            close(toProgram.write)
            close(fromProgram.read)
            throw HTTPTransportError(.commandNotFound, "\(path) could not be started: \(error)")
        }
        return ConnectionProcess(
            inputDescriptor: fromProgram.read, outputDescriptor: toProgram.write, standardError: standardError, running: running)
    }

    /// What the program wrote to its standard error, trimmed; empty when nothing. Waits up to a
    /// second for the program's standard error to end first: a program that closed the
    /// connection by exiting (ssh refused) may have printed why a moment before.
    func diagnostics() async -> String {
        for _ in 0..<100 where !self.standardError.withLockedValue({ $0.ended }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let text = String(decoding: self.standardError.withLockedValue { $0.text }, as: UTF8.self)
        return text.trimmingWhitespace()
    }

    /// Ends the program if it still runs (the connection is closed): SIGTERM, then SIGKILL if it
    /// is still there ``shutdownGrace`` later. Returns at once; the exit is awaited in the
    /// background.
    func terminate() {
        self.running.cancel()
    }

    /// A pipe whose ends are not inherited by programs started elsewhere in this process (a
    /// stray copy of the write end would keep the reader from ever seeing EOF).
    private static func makePipe(for path: String) throws -> (read: CInt, write: CInt) {
        var descriptors: [CInt] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw HTTPTransportError(.io, "cannot make a pipe for \(path): \(String(cString: strerror(errno)))")
        }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        return (descriptors[0], descriptors[1])
    }

    private static func resolve(_ executable: String) -> String? {
        if executable.contains(scalar: "/") {
            return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(scalar: ":").map { "\($0)/\(executable)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
