import StevedoreText
import Subprocess
import SystemPackage

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A docker credential helper: the program `docker-credential-<name>` on `PATH`, spoken to as
/// the docker CLI does (`get`, `store`, `erase` with their input on stdin, JSON on stdout).
///
/// The program runs directly (no shell); its only argument is the verb, and the registry
/// address or credentials go on stdin, so no user string ever becomes part of a command line.
public struct CredentialHelper: Hashable, Sendable {
    /// The helper's name: `pass` runs `docker-credential-pass`.
    public let name: String
    /// The directories searched for the program, in order (default: `PATH`).
    public var searchPath: [String]

    /// Throws ``DockerError/Category/invalidConfiguration`` for a name that is empty or
    /// contains `/` (config.json names a helper, never a path).
    public init(name: String, searchPath: [String]? = nil) throws {
        guard !name.isEmpty, !name.contains(scalar: "/") else {
            throw DockerError.invalidConfiguration("invalid credential helper name \"\(name)\"")
        }
        self.name = name
        self.searchPath =
            searchPath
            ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(scalar: ":").map(String.init)
    }

    /// `docker-credential-<name>`.
    public var programName: String { "docker-credential-\(self.name)" }

    /// The credentials the helper holds for `serverAddress`, `nil` when it has none ("credentials
    /// not found"). A username of `<token>` means the secret is an identity token.
    public func get(_ serverAddress: String) async throws -> RegistryAuth? {
        struct Stored: Decodable {
            var Username: String?
            var Secret: String?
        }
        guard let output = try await self.run("get", input: Data(serverAddress.utf8), notFoundMeansNil: true) else { return nil }
        let stored: Stored
        do {
            stored = try JSONDecoder().decode(Stored.self, from: output)
        } catch {
            // Not what it printed: a broken helper's output may hold the secret.
            throw DockerError.invalidConfiguration(
                "\(self.programName) get printed \(output.count) bytes that are not credentials JSON",
                hint: Self.seeForYourself(self.programName, "get", serverAddress))
        }
        if stored.Username == "<token>" {
            return RegistryAuth(serverAddress: serverAddress, identityToken: stored.Secret)
        }
        return RegistryAuth(username: stored.Username, password: stored.Secret, serverAddress: serverAddress)
    }

    /// Stores `credentials` for `serverAddress` (an identity token under the username `<token>`).
    public func store(_ credentials: RegistryAuth, for serverAddress: String) async throws {
        let payload: [String: String] = [
            "ServerURL": serverAddress,
            "Username": credentials.identityToken != nil ? "<token>" : credentials.username ?? "",
            "Secret": credentials.identityToken ?? credentials.password ?? "",
        ]
        _ = try await self.run("store", input: RegistryAuth.encodeJSON(payload))
    }

    /// Forgets the credentials for `serverAddress`.
    public func erase(_ serverAddress: String) async throws {
        _ = try await self.run("erase", input: Data(serverAddress.utf8))
    }

    /// The helper's program file, searched on ``searchPath``.
    func executable() throws -> URL {
        for directory in self.searchPath where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(self.programName)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw DockerError.invalidConfiguration(
            "the credential helper \(self.programName) is not installed (executable file not found in $PATH)",
            hint: "install it, or remove \"\(self.name)\" from credsStore/credHelpers in the docker config.json")
    }

    /// The read end of a pipe that already holds `input` and is closed for writing. The input
    /// (a server address or one credential's JSON) fits the pipe's buffer, so nothing blocks and
    /// nothing touches the disk; swift-subprocess's own stdin writer traps when a helper exits
    /// without reading all of it.
    private static func prefilledPipe(_ input: Data) throws -> FileDescriptor {
        guard input.count <= 16 << 10 else {
            throw DockerError.invalidInput("a credential helper's input is limited to 16 KiB")
        }
        let (read, write) = try FileDescriptor.pipe()
        defer { try? write.close() }
        do {
            _ = try input.withUnsafeBytes { try write.writeAll($0) }
        } catch {
            try? read.close()
            throw error
        }
        return read
    }

    /// Runs the helper with `verb`, `input` on stdin and returns its stdout; `nil` when it
    /// failed saying "credentials not found" and `notFoundMeansNil`. A failure's error names the
    /// helper and its exit status but never what it printed, which may hold a secret; its hint
    /// says how to see that. Output past ``outputLimit`` (stdout or stderr) fails the run: no
    /// helper prints that much for one credential, and an unbounded buffer would let a broken
    /// one exhaust memory.
    private func run(_ verb: String, input: Data, notFoundMeansNil: Bool = false) async throws -> Data? {
        let executable = try self.executable()
        let result: ExecutionResult<Void, DataOutput, DataOutput>
        do {
            result = try await Subprocess.run(
                .path(FilePath(executable.path)), arguments: [verb],
                input: .fileDescriptor(try Self.prefilledPipe(input), closeAfterSpawningProcess: true),
                output: .data(limit: Self.outputLimit), error: .data(limit: Self.outputLimit))
        } catch {
            // Cancelled, the run ends with an error of its own: that is no fault of the helper.
            try Task.checkCancellation()
            throw DockerError.invalidConfiguration("could not run the credential helper \(self.programName): \(error)")
        }
        guard result.terminationStatus.isSuccess else {
            // Helpers print their error on stdout (the docker-credential-helpers protocol).
            if notFoundMeansNil, String(decoding: result.standardOutput, as: UTF8.self).contains("credentials not found") {
                return nil
            }
            throw DockerError.invalidConfiguration(
                "\(self.programName) \(verb) failed (\(Self.describe(result.terminationStatus)))",
                hint: Self.seeForYourself(self.programName, verb, verb == "store" ? nil : String(decoding: input, as: UTF8.self)))
        }
        return result.standardOutput
    }

    /// How to see what a helper says, which its errors leave out: run it by hand.
    private static func seeForYourself(_ program: String, _ verb: String, _ input: String?) -> String {
        let feed = input.map { "echo \($0) | " } ?? ""
        return "run `\(feed)\(program) \(verb)` to see the helper's own message"
    }

    /// The most a helper may print on stdout or on stderr: 1 MiB.
    static let outputLimit = 1 << 20

    /// `exit status 1`, or `killed by signal 9`.
    private static func describe(_ status: TerminationStatus) -> String {
        switch status {
        case .exited(let code): "exit status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }
}
