import Stevedore
import Synchronization

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

/// Connects this process's stdio to an attached container or exec, as `docker run`, `attach`
/// and `exec` do: output to stdout/stderr, stdin (when asked) to the process, with the
/// terminal in raw mode and its size followed when the process has a TTY and stdin is a
/// terminal.
struct InteractiveSession {
    /// How the session ended.
    enum Outcome {
        /// The output ended: the process exited, or the daemon ended the attach.
        case ended
        /// The user typed the detach keys.
        case detached
        /// A SIGINT or SIGTERM closed the stream (`start`'s, as docker's).
        case interrupted
    }

    var streams: AttachedStreams
    /// Forward stdin.
    var forwardsStdin: Bool
    /// Watched on stdin when the process has a TTY (docker watches only then).
    var detachKeys: DetachKeys

    /// Runs until the output ends or the user detaches. Stdin's EOF half-closes the
    /// connection (the process then sees EOF under the daemon's stdin-EOF rule).
    func run() async throws -> Outcome {
        let interactiveTerminal = self.streams.tty && self.forwardsStdin && Terminal.isTerminal(STDIN_FILENO)
        guard interactiveTerminal else { return try await self.pump() }
        let streams = self.streams
        if let size = Terminal.size() { try? await streams.resize(height: size.height, width: size.width) }
        return try await Terminal.withRawMode {
            try await Terminal.watchingResizes({ height, width in
                Task { try? await streams.resize(height: height, width: width) }
            }) {
                try await self.pump()
            }
        }
    }

    private func pump() async throws -> Outcome {
        let detached = Mutex(false)
        let streams = self.streams
        let matcher = streams.tty ? DetachKeys.Matcher(self.detachKeys) : nil
        // Not awaited at the end: a read of stdin that blocks cannot be interrupted, and the
        // session is over when the output is.
        let input: Task<Void, Never>? =
            self.forwardsStdin
            ? Task {
                var matcher = matcher
                do {
                    for try await var bytes in StandardInput() {
                        if var current = matcher {
                            let (pass, detach) = current.feed(bytes.readableBytesView)
                            matcher = current
                            if detach {
                                detached.withLock { $0 = true }
                                if !pass.isEmpty { try await streams.write(ByteBuffer(bytes: pass)) }
                                await streams.close()
                                return
                            }
                            bytes = ByteBuffer(bytes: pass)
                        }
                        if bytes.readableBytes > 0 { try await streams.write(bytes) }
                    }
                    try await streams.closeWrite()
                } catch {
                    // Reading stdin failed, or the connection is gone (the output side then
                    // reports how the session ended). Either way stdin is over, as docker ends
                    // it after a failed copy: without the EOF a `cat` would wait forever.
                    try? await streams.closeWrite()
                }
            } : nil
        defer { input?.cancel() }
        do {
            // From the global executor, not the client's event loop the command runs on: an
            // output that stops draining (a pager, a paused terminal) must not hold the loop,
            // which forwards stdin, resizes and proxied signals.
            try await withTaskExecutorPreference(globalConcurrentExecutor) {
                try await streams.output.write(
                    stdout: { try writeAll($0, to: STDOUT_FILENO) },
                    stderr: { try writeAll($0, to: STDERR_FILENO) })
            }
        } catch  where detached.withLock({ $0 }) {
            return .detached
        }
        return detached.withLock { $0 } ? .detached : .ended
    }
}
