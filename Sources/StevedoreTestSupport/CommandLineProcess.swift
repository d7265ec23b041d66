import Foundation
import Subprocess
import SystemPackage

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
    /// Changes to the environment every run makes (a run's own `environment` goes over them).
    public var environment: [String: String?]

    public init(executable: URL, environment: [String: String?] = [:]) {
        self.executable = executable
        self.environment = environment
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
    /// (a `nil` value removes a variable), and `input` on its standard input. A program killed
    /// by a signal has the status 128 + the signal's number, as in a shell.
    ///
    /// Each output is collected up to ``outputLimit``; a program that prints more fails the run.
    public func run(_ arguments: [String], environment: [String: String?] = [:], input: Data = Data()) async throws -> Outcome {
        var changes: [Environment.Key: String?] = [:]
        for (name, value) in self.environment.merging(environment, uniquingKeysWith: { $1 }) {
            changes[Environment.Key(stringLiteral: name)] = value
        }
        // The input comes from a file, not through swift-subprocess's writer: that writer traps
        // ("FileDescriptor … was not closed") when the program exits before reading all of it.
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-input-\(UUID().uuidString)")
        try input.write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let inputDescriptor = try FileDescriptor.open(FilePath(inputFile.path), .readOnly)
        let result = try await Subprocess.run(
            .path(FilePath(self.executable.path)), arguments: Arguments(arguments), environment: .inherit.updating(changes),
            input: .fileDescriptor(inputDescriptor, closeAfterSpawningProcess: true),
            output: .data(limit: Self.outputLimit), error: .data(limit: Self.outputLimit))
        let status: Int32 =
            switch result.terminationStatus {
            case .exited(let code): code
            case .signaled(let signal): 128 + signal
            }
        return Outcome(
            status: status,
            standardOutput: String(decoding: result.standardOutput, as: UTF8.self),
            standardError: String(decoding: result.standardError, as: UTF8.self)
        )
    }

    /// The most of standard output, and of standard error, a run collects: 64 MiB.
    public static let outputLimit = 64 << 20
}
