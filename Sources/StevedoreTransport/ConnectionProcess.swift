import Foundation
import NIOConcurrencyHelpers

/// A program whose standard input and output carry a connection, as `ssh host docker system
/// dial-stdio` does for `ssh://` daemons. Its standard error is kept (the last 64 KiB) to
/// explain a failure: ssh says there why it could not log in.
final class ConnectionProcess: Sendable {
    /// Read end of the program's standard output: the connection's input. Owned by the channel.
    let inputDescriptor: CInt
    /// Write end of the program's standard input: the connection's output. Owned by the channel.
    let outputDescriptor: CInt
    private let process: NIOLockedValueBox<Process>
    private let standardError: NIOLockedValueBox<Data>

    private init(process: Process, inputDescriptor: CInt, outputDescriptor: CInt, standardError: NIOLockedValueBox<Data>) {
        self.process = NIOLockedValueBox(process)
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
        self.standardError = standardError
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`.
    static func launch(executable: String, arguments: [String]) throws -> ConnectionProcess {
        guard let path = Self.resolve(executable) else {
            throw HTTPTransportError(.commandNotFound, "\(executable) was not found in PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let standardError = NIOLockedValueBox(Data())
        errors.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                return
            }
            standardError.withLockedValue { text in
                text.append(data)
                if text.count > 64 << 10 { text.removeFirst(text.count - (64 << 10)) }
            }
        }
        do {
            try process.run()
        } catch {
            throw HTTPTransportError(.commandNotFound, "\(path) could not be started: \(error)")
        }
        // The channel takes its own descriptors; the pipes' own close with them here, so that
        // closing the channel's output is the EOF the program reads.
        let inputDescriptor = dup(output.fileHandleForReading.fileDescriptor)
        let outputDescriptor = dup(input.fileHandleForWriting.fileDescriptor)
        try? output.fileHandleForReading.close()
        try? input.fileHandleForWriting.close()
        guard inputDescriptor >= 0, outputDescriptor >= 0 else {
            process.terminate()
            throw HTTPTransportError(.io, "cannot take the pipes of \(path): \(String(cString: strerror(errno)))")
        }
        return ConnectionProcess(process: process, inputDescriptor: inputDescriptor, outputDescriptor: outputDescriptor, standardError: standardError)
    }

    /// What the program wrote to its standard error, trimmed; empty when nothing.
    var diagnostics: String {
        String(decoding: self.standardError.withLockedValue { $0 }, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Ends the program if it still runs (the connection is closed).
    func terminate() {
        self.process.withLockedValue { process in
            if process.isRunning { process.terminate() }
        }
    }

    private static func resolve(_ executable: String) -> String? {
        if executable.contains("/") {
            return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(executable)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
