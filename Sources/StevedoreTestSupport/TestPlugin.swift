import Foundation
import Stevedore

/// Plugin directories for `POST /plugins/create`: a `config.json` and a `rootfs/` holding only
/// a static listener and a token file.
///
/// Enabling a plugin makes the daemon connect to its socket, so the plugin must listen on a
/// unix stream socket, which no busybox applet does: the listener is a few lines of C, built
/// once per test run with `cc -static`. Each plugin's interface type is its own capability
/// (`docker.<capability>/1.0`), one no daemon subsystem queries, so an enabled test plugin
/// changes nothing for tests running beside it; the token makes each rootfs unique, as the
/// daemon refuses a layer it already stores.
public enum TestPlugin {
    /// A capability of a test's own, so that a list filtered on it sees only that test's plugins.
    public static func uniqueCapability() -> String {
        "stevedoretest\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates plugin `name` on the daemon from a fresh directory (see
    /// ``makeDirectory(description:capability:)``), registered for removal.
    public static func create(
        _ client: DockerClient, _ resources: TestResources, _ name: String, description: String, capability: String
    ) async throws {
        let directory = try await Self.makeDirectory(description: description, capability: capability)
        defer { try? FileManager.default.removeItem(at: directory) }
        resources.plugin(name)
        try await client.plugins.create(name, from: directory.path)
    }

    /// Pushes plugin `name` to the plain-HTTP test registry. The daemon tries HTTPS first and
    /// then falls back to HTTP, and that fallback races in its containerd pusher: now and then
    /// the push fails with the HTTPS attempt's error ("server gave HTTP response to HTTPS
    /// client"; dockerd 20.10 can even panic, so it is not pushed to there). Such a failure is
    /// retried, twice at most; any other error is thrown at once.
    @discardableResult
    public static func push(_ client: DockerClient, _ name: String) async throws -> ProgressStream.Summary {
        var attempt = 1
        while true {
            do {
                return try await client.plugins.push(name).finish()
            } catch let error as DockerError where attempt < 3 && error.message.contains("server gave HTTP response to HTTPS client") {
                attempt += 1
            }
        }
    }

    /// Writes a plugin directory whose config has `description`, interface type
    /// `docker.<capability>/1.0` and a settable `DEBUG` variable and `args`; returns its path.
    /// Remove it with `FileManager.removeItem` after use.
    public static func makeDirectory(description: String, capability: String) async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-plugin-\(UUID().uuidString)")
        let rootfs = directory.appendingPathComponent("rootfs")
        try FileManager.default.createDirectory(at: rootfs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try await Self.listener(), toPath: rootfs.appendingPathComponent("listener").path)
        try Data(UUID().uuidString.utf8).write(to: rootfs.appendingPathComponent("token"))
        let config: [String: Any] = [
            "description": description, "documentation": "",
            "entrypoint": ["/listener", "/run/docker/plugins/test.sock"],
            "interface": ["types": ["docker.\(capability)/1.0"], "socket": "test.sock"],
            "network": ["type": ""],
            "env": [["name": "DEBUG", "description": "debug output", "settable": ["value"], "value": "0"]],
            "args": ["name": "args", "description": "extra arguments", "settable": ["value"], "value": [String]()],
        ]
        try JSONSerialization.data(withJSONObject: config, options: [.withoutEscapingSlashes]).write(
            to: directory.appendingPathComponent("config.json"))
        return directory
    }

    /// Accepts connections on the socket path of its first argument and closes them; exits on
    /// SIGTERM, so that disabling the plugin is immediate.
    private static let listenerSource = """
        #include <signal.h>
        #include <string.h>
        #include <sys/socket.h>
        #include <sys/un.h>
        #include <unistd.h>
        static void stop(int signal) { (void)signal; _exit(0); }
        int main(int argc, char **argv) {
            struct sockaddr_un address;
            memset(&address, 0, sizeof address);
            address.sun_family = AF_UNIX;
            strncpy(address.sun_path, argc > 1 ? argv[1] : "/run/docker/plugins/test.sock", sizeof address.sun_path - 1);
            signal(SIGTERM, stop);
            signal(SIGINT, stop);
            unlink(address.sun_path);
            int listener = socket(AF_UNIX, SOCK_STREAM, 0);
            if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 16) < 0) return 1;
            for (;;) { int connection = accept(listener, 0, 0); if (connection >= 0) close(connection); }
        }
        """

    private static func listener() async throws -> String {
        try await StaticProgram.binary(named: "plugin-listener", source: Self.listenerSource)
    }
}
