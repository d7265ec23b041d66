import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes `text` to standard output (see ``writeAll(_:to:)`` for a reader that went away).
func printOut(_ text: String) {
    writeOrExit(ByteBuffer(string: text), to: STDOUT_FILENO)
}

/// Writes `bytes` as they are (not necessarily text) to standard output.
func printOut(_ bytes: ByteBuffer) {
    writeOrExit(bytes, to: STDOUT_FILENO)
}

/// Writes `line` and a newline to standard error.
func printError(_ line: String) {
    writeOrExit(ByteBuffer(string: line + "\n"), to: STDERR_FILENO)
}

/// Writes `text` as it is to standard error.
func printErrorText(_ text: String) {
    writeOrExit(ByteBuffer(string: text), to: STDERR_FILENO)
}

/// The daemon's warnings, each as docker prints them: `WARNING: …` on stderr.
func printWarnings(_ warnings: [String]) {
    for warning in warnings {
        printError("WARNING: \(warning)")
    }
}

/// docker's note on standard output (its `tui` output without colour): see ``tuiNote(_:header:)``.
func printNote(_ text: String) {
    printOut(tuiNote(text, header: " Info -> "))
}

/// docker's warning note on standard error: see ``tuiNote(_:header:)``.
func printWarningNote(_ text: String) {
    printErrorText(tuiNote(text, header: " Warn -> "))
}

/// A blank line, `header` before the first line of `text` and its width of spaces before each
/// other line, the last (after `text`'s final newline) included.
private func tuiNote(_ text: String, header: String) -> String {
    let indent = String(repeating: " ", count: header.count)
    let lines = text.split(scalar: "\n", omittingEmptySubsequences: false)
    return "\n" + header + lines.joined(separator: "\n" + indent) + "\n"
}

/// Writes `bytes`, or ends the process with exit code 1 and the reason when the output cannot
/// be written (a full disk): the command's output would be cut, so it must not end as a
/// success.
private func writeOrExit(_ bytes: ByteBuffer, to descriptor: Int32) {
    do {
        try writeAll(bytes, to: descriptor)
    } catch {
        if descriptor != STDERR_FILENO { _ = try? writeAll(ByteBuffer(string: "\(error)\n"), to: STDERR_FILENO) }
        Terminal.restoreMode()
        exit(1)
    }
}

/// Writes all of `bytes` to `descriptor`, retrying short writes: stdout or stderr, or the file
/// `path` (named in its errors, as Go's `*os.PathError`).
///
/// A reader of stdout or stderr that went away (`stevedore logs … | head`) ends the process as
/// SIGPIPE ends other command-line tools: silently, with the signal's status (a raw terminal
/// restored first). The process ignores SIGPIPE (the connections to the daemon need that), so
/// a closed pipe arrives here as `EPIPE`. While signals go to a container
/// (``SignalProxy/isForwarding``), it is an error as any other failed write, in docker's
/// words: `write /dev/stdout: broken pipe`.
func writeAll(_ bytes: ByteBuffer, to descriptor: Int32, path: String? = nil) throws {
    try bytes.withUnsafeReadableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EPIPE, path == nil, !SignalProxy.isForwarding {
                    Terminal.restoreMode()
                    signal(SIGPIPE, SIG_DFL)
                    raise(SIGPIPE)
                }
                let name = path ?? (descriptor == STDERR_FILENO ? "/dev/stderr" : "/dev/stdout")
                throw GoPathError(operation: "write", path: name, code: code)
            }
            offset += written
        }
    }
}

/// `-o, --output` of `save` and `export` as docker reads it: empty is standard output, which
/// must not be a terminal; a file is checked before the request
/// (``DockerByteStream/checkDestination(_:)``), and refused with `failure: reason`.
func outputFile(_ path: String?, failure: String) throws -> String? {
    guard let path, !path.isEmpty else {
        guard isatty(STDOUT_FILENO) == 0 else {
            throw CommandFailure(description: "cowardly refusing to save to a terminal. Use the -o flag or redirect", exitCode: 1)
        }
        return nil
    }
    do {
        try DockerByteStream.checkDestination(path)
    } catch let error as DockerError {
        throw CommandFailure(description: "\(failure): \(error.message)")
    }
    return path
}

/// Writes a byte stream to the file `path`, which holds the new bytes only once the whole
/// stream arrived (``DockerByteStream/write(toFile:)``), or to stdout, chunk by chunk.
func writeStream(_ stream: DockerByteStream, to path: String?) async throws {
    guard let path else {
        for try await chunk in stream { try writeAll(chunk, to: STDOUT_FILENO) }
        return
    }
    try await stream.write(toFile: path)
}
