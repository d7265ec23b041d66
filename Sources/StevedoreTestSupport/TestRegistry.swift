import Foundation

/// A real Docker registry for push and pull tests: Debian's `docker-registry` (distribution 2.x)
/// serving plain HTTP on 127.0.0.1 at a free port, storing in a temporary directory. dockerd
/// treats 127.0.0.0/8 as insecure, so it pushes and pulls there without TLS.
///
/// With `username`/`password` it demands them (htpasswd, bcrypt via `htpasswd -Bbn`). Call
/// ``stop()`` when done: it ends the process and removes the directory.
public final class TestRegistry: @unchecked Sendable {
    /// `127.0.0.1:<port>`: the prefix of image names pushed there.
    public let address: String
    private let process: Process
    private let directory: URL

    /// Starts a registry and waits until it answers `/v2/` (401 counts when it wants credentials).
    public init(username: String? = nil, password: String? = nil) throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let port = try Self.freePort()
        self.address = "127.0.0.1:\(port)"
        var config = """
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: \(self.directory.path)/data
              delete:
                enabled: true
            http:
              addr: \(self.address)

            """
        if let username, let password {
            let htpasswd = try Self.run("/usr/bin/htpasswd", ["-Bbn", username, password])
            try Data(htpasswd.utf8).write(to: self.directory.appendingPathComponent("htpasswd"))
            config += """
                auth:
                  htpasswd:
                    realm: stevedore-test
                    path: \(self.directory.path)/htpasswd

                """
        }
        let configURL = self.directory.appendingPathComponent("config.yml")
        try Data(config.utf8).write(to: configURL)
        self.process = Process()
        self.process.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        self.process.arguments = ["serve", configURL.path]
        let log = FileHandle(forWritingAtPath: "/dev/null")
        self.process.standardOutput = log
        self.process.standardError = log
        try self.process.run()
        try self.waitUntilAnswering()
    }

    deinit { self.stop() }

    /// Ends the registry and removes its storage.
    public func stop() {
        if self.process.isRunning {
            self.process.terminate()
            self.process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: self.directory)
    }

    private func waitUntilAnswering() throws {
        for _ in 0..<100 {
            guard self.process.isRunning else { throw TestRegistryError("docker-registry exited with status \(self.process.terminationStatus)") }
            if Self.answers(self.address) { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        self.stop()
        throw TestRegistryError("docker-registry did not answer on \(self.address) within 10 s")
    }

    /// Whether something accepts a TCP connection at `address` (`host:port`).
    private static func answers(_ address: String) -> Bool {
        let parts = address.split(separator: ":")
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(parts[1])!).bigEndian
        address.sin_addr.s_addr = inet_addr(String(parts[0]))
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port nothing listens on now: bind port 0, read what the kernel chose, close.
    private static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw TestRegistryError("socket() failed") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw TestRegistryError("could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestRegistryError("\(executable) failed with status \(process.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A failure to start the test registry.
public struct TestRegistryError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
