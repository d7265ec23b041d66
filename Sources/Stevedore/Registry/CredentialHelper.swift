import Foundation

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
        guard !name.isEmpty, !name.contains("/") else {
            throw DockerError.invalidConfiguration("invalid credential helper name \"\(name)\"")
        }
        self.name = name
        self.searchPath = searchPath ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
    }

    /// `docker-credential-<name>`.
    public var programName: String { "docker-credential-\(self.name)" }

    /// The credentials the helper holds for `serverAddress`, `nil` when it has none ("credentials
    /// not found"). A username of `<token>` means the secret is an identity token.
    public func get(_ serverAddress: String) throws -> RegistryAuth? {
        struct Stored: Decodable {
            var Username: String?
            var Secret: String?
        }
        let output: Data
        do {
            output = try self.run("get", input: Data(serverAddress.utf8))
        } catch let error as DockerError where error.message.contains("credentials not found") {
            return nil
        }
        let stored: Stored
        do {
            stored = try JSONDecoder().decode(Stored.self, from: output)
        } catch {
            throw DockerError.invalidConfiguration("\(self.programName) get printed no credentials JSON: \(String(decoding: output.prefix(200), as: UTF8.self))")
        }
        if stored.Username == "<token>" {
            return RegistryAuth(serverAddress: serverAddress, identityToken: stored.Secret)
        }
        return RegistryAuth(username: stored.Username, password: stored.Secret, serverAddress: serverAddress)
    }

    /// Stores `credentials` for `serverAddress` (an identity token under the username `<token>`).
    public func store(_ credentials: RegistryAuth, for serverAddress: String) throws {
        let payload: [String: String] = [
            "ServerURL": serverAddress,
            "Username": credentials.identityToken != nil ? "<token>" : credentials.username ?? "",
            "Secret": credentials.identityToken ?? credentials.password ?? "",
        ]
        _ = try self.run("store", input: RegistryAuth.encodeJSON(payload))
    }

    /// Forgets the credentials for `serverAddress`.
    public func erase(_ serverAddress: String) throws {
        _ = try self.run("erase", input: Data(serverAddress.utf8))
    }

    /// The helper's program file, searched on ``searchPath``.
    func executable() throws -> URL {
        for directory in self.searchPath where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appendingPathComponent(self.programName)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw DockerError.invalidConfiguration(
            "the credential helper \(self.programName) is not installed (not found on PATH)",
            hint: "install it, or remove \"\(self.name)\" from credsStore/credHelpers in the docker config.json")
    }

    /// Runs the helper with `verb`, `input` on stdin; its stdout, or an error carrying its stderr.
    private func run(_ verb: String, input: Data) throws -> Data {
        let process = Process()
        process.executableURL = try self.executable()
        process.arguments = [verb]
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw DockerError.invalidConfiguration("could not run the credential helper \(self.programName): \(error)")
        }
        // stderr is drained on another thread so that a chatty helper cannot block on a full pipe
        // while we wait for its stdout.
        let errorOutput = ErrorOutput()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorOutput.data = stderr.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        stdin.fileHandleForWriting.write(input)
        try? stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            // Helpers print their error on stdout (the docker-credential-helpers protocol) or stderr.
            let message = [output, errorOutput.data]
                .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { !$0.isEmpty }.joined(separator: "; ")
            throw DockerError.invalidConfiguration(
                "\(self.programName) \(verb) failed (exit status \(process.terminationStatus))\(message.isEmpty ? "" : ": \(message)")")
        }
        return output
    }
}

/// The stderr bytes of a helper, written once by the draining thread before the semaphore is
/// signalled and read after it is waited on.
private final class ErrorOutput: @unchecked Sendable {
    var data = Data()
}
