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
/// The program runs under swift-subprocess in a task that reads its standard error until the
/// program has exited, whether or not the connection closed first: what a refused ssh printed
/// just before it exited may not have been read yet when the connection sees the end (on a
/// loaded machine the reading task can wait its turn for a second or more). swift-subprocess
/// watches the child through a pidfd, so its exit is seen whatever other children this process
/// runs (Foundation's `Process` on Linux could miss it, leaving a zombie and a waiter hung for
/// ever).
final class ConnectionProcess: Sendable {
    /// Read end of the program's standard output: the connection's input. Owned by the channel.
    let inputDescriptor: CInt
    /// Write end of the program's standard input: the connection's output. Owned by the channel.
    let outputDescriptor: CInt
    /// The program's standard error so far (its last ``diagnosticsLimit`` bytes), and whether it
    /// has ended (the program exited or closed it).
    private let standardError: NIOLockedValueBox<(text: Data, ended: Bool)>
    /// Finished by ``terminate()``: the program is then asked to end, whether its standard error
    /// has ended or not.
    private let terminationRequest: AsyncStream<Never>.Continuation

    /// How much of the program's standard error is kept.
    private static let diagnosticsLimit = 64 << 10
    /// How long ``diagnostics()`` waits for the program's standard error to end: 10 seconds, as
    /// long as docker's command connection waits for its program to exit after the connection
    /// ended. Only a program that closed the connection and lingers makes it wait that long.
    private static let diagnosticsWait: Duration = .seconds(10)
    /// How long a terminated program has between SIGTERM and SIGKILL: 3 seconds, as docker's.
    private static let shutdownGrace: Duration = .seconds(3)

    private init(
        inputDescriptor: CInt, outputDescriptor: CInt, standardError: NIOLockedValueBox<(text: Data, ended: Bool)>,
        terminationRequest: AsyncStream<Never>.Continuation
    ) {
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
        self.standardError = standardError
        self.terminationRequest = terminationRequest
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`; returns once
    /// it runs. The caller owns ``inputDescriptor`` and ``outputDescriptor`` and must call
    /// ``terminate()`` when the connection closes.
    static func launch(executable: String, arguments: [String]) async throws -> ConnectionProcess {
        guard let path = Self.resolve(executable) else {
            // Go's words (docker's `run` reads its exit code, 127, from them).
            throw HTTPTransportError(.commandNotFound, "\(executable): executable file not found in $PATH")
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
        let (terminationRequested, terminationRequest) = AsyncStream<Never>.makeStream()
        Task {
            do {
                // The program's ends of the pipes are closed here once it has them, so that the
                // channel closing ours is the EOF the program reads (and its exit ours).
                _ = try await Subprocess.run(
                    .path(FilePath(path)), arguments: Arguments(arguments),
                    input: .fileDescriptor(FileDescriptor(rawValue: toProgram.read), closeAfterSpawningProcess: true),
                    output: .fileDescriptor(FileDescriptor(rawValue: fromProgram.write), closeAfterSpawningProcess: true),
                    error: .sequence
                ) { execution in
                    reportSpawn.finish()
                    await withTaskGroup(of: Void.self) { group in
                        // For the connection's whole life: a program that closed its standard
                        // error may still run. Ending one that has exited does nothing (the
                        // child is signalled through its pidfd, which stays open until this
                        // body returns).
                        group.addTask {
                            for await _ in terminationRequested {}
                            await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: Self.shutdownGrace)])
                        }
                        // Ends when the program closes it or exits (swift-subprocess then reads
                        // what is left in the pipe and ends the stream, even if a child of the
                        // program still holds it); a read error only shortens the diagnostics.
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
            inputDescriptor: fromProgram.read, outputDescriptor: toProgram.write, standardError: standardError,
            terminationRequest: terminationRequest)
    }

    /// What the program wrote to its standard error, trimmed; empty when nothing. Waits up to
    /// ``diagnosticsWait`` for the program's standard error to end first: a program that closed
    /// the connection by exiting (ssh refused) may have printed why a moment before, and the
    /// task that reads it may not have run yet on a loaded machine.
    func diagnostics() async -> String {
        let deadline = ContinuousClock.now + Self.diagnosticsWait
        while !self.standardError.withLockedValue({ $0.ended }) && ContinuousClock.now < deadline {
            // A cancelled caller does not wait.
            guard (try? await Task.sleep(for: .milliseconds(10))) != nil else { break }
        }
        let text = String(decoding: self.standardError.withLockedValue { $0.text }, as: UTF8.self)
        return text.trimmingWhitespace()
    }

    /// Ends the program if it still runs (the connection is closed): SIGTERM, then SIGKILL if it
    /// is still there ``shutdownGrace`` later. Returns at once; the exit is awaited in the
    /// background, and what the program writes to its standard error until then is kept.
    func terminate() {
        self.terminationRequest.finish()
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
