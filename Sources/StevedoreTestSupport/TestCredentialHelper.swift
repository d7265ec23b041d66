import Foundation
import Stevedore

/// A docker credential helper for tests: a shell script `docker-credential-<name>` that answers
/// `get` with fixed credentials (for any server but `fail.*`, which fails on stderr, and
/// `unknown.*`, which has none) and records what `store` receives in `<directory>/stored`.
public enum TestCredentialHelper {
    /// Writes the script into `directory` and returns a helper that runs it from there.
    public static func install(in directory: URL, name: String, username: String, password: String) throws -> CredentialHelper {
        let credentials = String(decoding: try JSONEncoder().encode(["Username": username, "Secret": password]), as: UTF8.self)
        // Single-quoted for sh.
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = """
            #!/bin/sh
            set -eu
            server=$(cat)
            case "$1" in
            get)
                case "$server" in
                fail.*) echo "helper refuses $server" >&2; exit 1 ;;
                unknown.*) echo "credentials not found in native keychain"; exit 1 ;;
                leak.*) printf '%s' \(quoted(credentials)); exit 1 ;;
                garbage.*) printf 'not json: %s' \(quoted(password)); exit 0 ;;
                esac
                printf '%s' \(quoted(credentials)) ;;
            store) printf '%s' "$server" > '\(directory.path)/stored' ;;
            erase) : ;;
            *) echo "unknown verb $1" >&2; exit 1 ;;
            esac

            """
        let url = directory.appendingPathComponent("docker-credential-\(name)")
        try Data(script.utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        return try CredentialHelper(name: name, searchPath: [directory.path])
    }
}
