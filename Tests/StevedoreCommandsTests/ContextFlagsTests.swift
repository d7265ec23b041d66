import Foundation
import Stevedore
import Testing

@testable import StevedoreCommands

/// `context create`/`update` flags: `--docker` read as pflag's `stringToString` reads it, and
/// the endpoint keys refused before any file or context is looked at.
@Suite struct ContextFlagsTests {
    /// Flags, then the map `--docker` makes.
    static let cases: [([String], [String: String])] = [
        // One `=`: one pair, commas kept, quotes trimmed from both ends.
        (["--docker", "host=tcp://a,b"], ["host": "tcp://a,b"]),
        (["--docker", #""host=tcp://h:2375""#], ["host": "tcp://h:2375"]),
        (["--docker", "skip-tls-verify="], ["skip-tls-verify": ""]),
        // More: one CSV record, split at each field's first `=`.
        (
            ["--docker", "host=tcp://h:2376,ca=/c.pem,skip-tls-verify=true"],
            ["host": "tcp://h:2376", "ca": "/c.pem", "skip-tls-verify": "true"]
        ),
        (["--docker", #""ca=/a,b.pem",host=tcp://h:1"#], ["ca": "/a,b.pem", "host": "tcp://h:1"]),
        (["--docker", "from=a=b"], ["from": "a=b"]),
        (["--docker", "host=x://1,host=y://2"], ["host": "y://2"]),
        // Repeated flags merge, a later key winning.
        (["--docker", "host=tcp://a:1", "--docker", "host=tcp://b:2,key=/k"], ["host": "tcp://b:2", "key": "/k"]),
    ]

    @Test(arguments: Self.cases)
    func dockerValuesMakeOneMap(arguments: [String], expected: [String: String]) throws {
        #expect(try ContextFlags.parse(arguments).dockerConfig() == expected)
    }

    @Test func withoutTheFlagThereIsNoEndpoint() throws {
        #expect(try ContextFlags.parse(["--description", "d"]).dockerConfig() == nil)
    }

    static let refusals: [([String], String)] = [
        (["--docker", "host"], #"invalid argument "host" for "--docker" flag: host must be formatted as key=value"#),
        (["--docker", ""], #"invalid argument "" for "--docker" flag:  must be formatted as key=value"#),
        (["--docker", "a=1,b=2,c"], #"invalid argument "a=1,b=2,c" for "--docker" flag: c must be formatted as key=value"#),
        (["--docker", "host=tcp://a:1", "--docker", "x"], #"invalid argument "x" for "--docker" flag: x must be formatted as key=value"#),
    ]

    @Test(arguments: Self.refusals)
    func malformedValuesAreRefusedWithDockersMessage(arguments: [String], message: String) throws {
        let flags = try ContextFlags.parse(arguments)
        let failure = Self.failure { _ = try flags.dockerConfig() }
        #expect(failure?.description == message)
        #expect(failure?.exitCode == 125, "exit code of \(arguments)")
    }

    static let endpointRefusals: [([String: String], String)] = [
        (["host": "tcp://h:1", "bogus": "1"], "unable to create docker endpoint config: unrecognized config key: bogus"),
        (["b": "", "a": ""], "unable to create docker endpoint config: unrecognized config key: a\nunrecognized config key: b"),
        (["skip-tls-verify": "yes"], #"unable to create docker endpoint config: skip-tls-verify: parsing "yes": invalid syntax"#),
        (
            ["host": "tcp://"],
            #"unable to create docker endpoint config: unable to apply docker endpoint options: invalid Docker host "tcp://": "#
                + "a context's host needs an address (give one, as in tcp://host:port or unix:///path/to/docker.sock)"
        ),
    ]

    /// Refused before any file or context is read: the store's directory does not exist.
    @Test(arguments: Self.endpointRefusals)
    func invalidEndpointKeysAreRefusedWithDockersMessage(config: [String: String], message: String) {
        let store = DockerContextStore(configDirectory: URL(fileURLWithPath: "/nonexistent"))
        let failure = Self.failure { _ = try ContextFlags.dockerEndpoint(config, store: store, environment: [:]) }
        #expect(failure?.description == message)
        #expect(failure?.exitCode == 1)
    }

    /// The ``CommandFailure`` `body` throws; `nil` when it succeeds or throws anything else.
    static func failure(_ body: () throws -> Void) -> CommandFailure? {
        do {
            try body()
            return nil
        } catch {
            return error as? CommandFailure
        }
    }
}
