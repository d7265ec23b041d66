import Foundation

/// A real Docker registry for push and pull tests: Debian's `docker-registry` (distribution 2.x)
/// serving plain HTTP on 127.0.0.1 at a free port, storing in a temporary directory. dockerd
/// treats 127.0.0.0/8 as insecure, so it pushes and pulls there without TLS.
///
/// With `username`/`password` it demands them (htpasswd, bcrypt via `htpasswd -Bbn`). Use it
/// through ``withRegistry(username:password:_:)``, which ends the process and removes the
/// directory afterwards.
public final class TestRegistry: Sendable {
    /// `127.0.0.1:<port>`: the prefix of image names pushed there.
    public let address: String
    private let server: LocalServerProcess
    private let directory: URL

    /// Runs `body` with a registry started for it (waited for until it listens), then stops the
    /// registry and removes its storage, also when `body` throws.
    public static func withRegistry<Result>(
        username: String? = nil, password: String? = nil, _ body: (TestRegistry) async throws -> Result
    ) async throws -> Result {
        try await withStopping(try await TestRegistry(username: username, password: password), body) { await $0.stop() }
    }

    /// Starts a registry and waits until it listens.
    private init(username: String?, password: String?) async throws {
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        let port = try LocalServerProcess.freePort()
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
            let htpasswd = try await LocalServerProcess.runTool("/usr/bin/htpasswd", ["-Bbn", username, password])
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
        self.server = try await LocalServerProcess(
            executable: "/usr/bin/docker-registry", arguments: ["serve", configURL.path], port: port)
    }

    /// Ends the registry, waiting for its exit, and removes its storage.
    private func stop() async {
        await self.server.stop()
        try? FileManager.default.removeItem(at: self.directory)
    }
}
