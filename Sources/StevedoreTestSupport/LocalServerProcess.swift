import Foundation

/// A server program the tests run in the background on a port of 127.0.0.1 (a registry, sshd).
final class LocalServerProcess: @unchecked Sendable {
    let port: Int
    private let process: Process
    private let name: String

    /// Starts `executable` with `arguments` (its output discarded) and waits up to 10 seconds
    /// until 127.0.0.1:`port` accepts connections.
    init(executable: String, arguments: [String], port: Int) throws {
        self.port = port
        self.name = URL(fileURLWithPath: executable).lastPathComponent
        self.process = Process()
        // Run under a small supervisor that stays the server's parent. Foundation notices a
        // child's exit by the close of a descriptor the child inherits; a daemon that closes
        // every inherited descriptor at start (sshd does) looks exited, Foundation then blocks
        // in waitpid on it, and every later Process of the test run waits forever. The
        // supervisor keeps the descriptor, unblocks the signals the spawning thread had blocked
        // (a shell could not trap SIGTERM for that reason), forwards SIGTERM and exits with the
        // server.
        self.process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        self.process.arguments = ["python3", "-c", Self.supervisor, executable] + arguments
        let discard = FileHandle(forWritingAtPath: "/dev/null")
        self.process.standardOutput = discard
        self.process.standardError = discard
        do {
            try self.process.run()
        } catch {
            throw TestServerError("\(executable) could not start (is its package installed?): \(error)")
        }
        for _ in 0..<200 {
            guard self.process.isRunning else {
                throw TestServerError("\(self.name) exited with status \(self.process.terminationStatus) at start")
            }
            if Self.accepts(port: port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        self.stop()
        throw TestServerError("\(self.name) did not listen on 127.0.0.1:\(port) within 10 s")
    }

    /// The supervisor's Python program: runs argv[1:] and forwards SIGTERM to it.
    private static let supervisor = """
        import signal, subprocess, sys
        signal.pthread_sigmask(signal.SIG_SETMASK, [])
        server = subprocess.Popen(sys.argv[1:])
        signal.signal(signal.SIGTERM, lambda *_: server.terminate())
        sys.exit(server.wait())
        """

    /// Ends the program and waits for it.
    func stop() {
        if self.process.isRunning {
            self.process.terminate()
            self.process.waitUntilExit()
        }
    }

    /// A port nothing listens on now: bind port 0, read what the kernel chose, close.
    static func freePort() throws -> Int {
        try Self.withSocket { socket, address in
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
            }
            guard bound else { throw TestServerError("could not find a free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }

    /// Whether something accepts a TCP connection at 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        (try? Self.withSocket { socket, address in
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }) ?? false
    }

    /// Runs `body` with a new TCP socket and an IPv4 address of 127.0.0.1, port 0.
    private static func withSocket<Result>(_ body: (CInt, inout sockaddr_in) throws -> Result) throws -> Result {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestServerError("socket() failed") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return try body(socket, &address)
    }

    /// Runs a setup tool (`ssh-keygen`, `htpasswd`) to completion; its standard output.
    static func runTool(_ executable: String, _ arguments: [String]) throws -> String {
        let outcome = try CommandLineProcess(executable: URL(fileURLWithPath: executable)).run(arguments)
        guard outcome.status == 0 else { throw TestServerError("\(executable) failed: \(outcome)") }
        return outcome.standardOutput
    }
}

/// A test server (registry, sshd) could not be set up.
public struct TestServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
