import Foundation

/// Runs a command line program to completion and captures what it printed: the `stevedore`
/// binary under test, or the `docker` CLI used as a test oracle.
public struct CommandLineProcess: Sendable {
    /// What a finished run left behind.
    public struct Outcome: Sendable, CustomStringConvertible {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String

        public var description: String {
            "exit \(self.status)\nstdout:\n\(self.standardOutput)\nstderr:\n\(self.standardError)"
        }
    }

    /// The program's path.
    public var executable: URL

    public init(executable: URL) {
        self.executable = executable
    }

    /// The `stevedore` binary built next to the running test bundle.
    public static var stevedore: CommandLineProcess {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return CommandLineProcess(executable: directory.appendingPathComponent("stevedore"))
    }

    /// The first `name` on `PATH`, or `nil`.
    public static func onPath(_ name: String) -> CommandLineProcess? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) {
                return CommandLineProcess(executable: candidate)
            }
        }
        return nil
    }

    /// Runs the program with `arguments`, the current environment changed by `environment`
    /// (a `nil` value removes a variable), and `input` on its standard input.
    public func run(_ arguments: [String], environment: [String: String?] = [:], input: Data = Data()) throws -> Outcome {
        let process = Process()
        process.executableURL = self.executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        try process.run()
        // Drain both pipes while the program runs, so that a full pipe cannot block it.
        let group = DispatchGroup()
        let outputs = OutputBuffers()
        for (index, pipe) in [stdout, stderr].enumerated() {
            group.enter()
            DispatchQueue.global().async {
                outputs.set(index, pipe.fileHandleForReading.readDataToEndOfFile())
                group.leave()
            }
        }
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputs.get(0), as: UTF8.self),
            standardError: String(decoding: outputs.get(1), as: UTF8.self)
        )
    }
}

/// The two outputs of a process (0: stdout, 1: stderr), filled from two threads.
private final class OutputBuffers: @unchecked Sendable {
    private let lock = NSLock()
    private var outputs = [Data(), Data()]

    func set(_ index: Int, _ data: Data) {
        self.lock.withLock { self.outputs[index] = data }
    }

    func get(_ index: Int) -> Data {
        self.lock.withLock { self.outputs[index] }
    }
}
