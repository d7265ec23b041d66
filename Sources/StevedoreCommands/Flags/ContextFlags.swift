import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The flags `context create` and `context update` share: the context's description and its
/// docker endpoint, `--docker key=value,…` (keys in ``dockerKeys``), read as docker reads them.
struct ContextFlags: ParsableArguments {
    @Option(name: .customLong("description"), parsing: .unconditional, help: "Description of the context")
    var contextDescription = ""

    @Option(name: .long, parsing: .unconditionalSingleValue, help: "set the docker endpoint")
    var docker: [String] = []

    /// The keys `--docker` takes, with docker's description of each.
    static let dockerKeys: [(name: String, description: String)] = [
        ("from", "Copy named context's Docker endpoint configuration"),
        ("host", "Docker endpoint on which to connect"),
        ("ca", "Trust certs signed only by this CA"),
        ("cert", "Path to TLS certificate file"),
        ("key", "Path to TLS key file"),
        ("skip-tls-verify", "Skip TLS certificate validation"),
    ]

    /// The help text docker gives `create` and `update` after their summary: the keys of
    /// `--docker`, and an example.
    static func discussion(command: String) -> String {
        let table = TabWriter(minWidth: 20, tabWidth: 1, padding: 3, padCharacter: " ")
            .format((["NAME\tDESCRIPTION"] + Self.dockerKeys.map { "\($0.name)\t\($0.description)" }).joined(separator: "\n"))
        return "Docker endpoint config:\n\n\(table)\n\nExample:\n\n"
            + "$ stevedore context \(command) my-context --description \"some description\" "
            + "--docker \"host=tcp://myserver:2376,ca=~/ca-file,cert=~/cert-file,key=~/key-file\""
    }

    /// The `--docker` values as one map, a later value's keys replacing an earlier one's (see
    /// ``dockerPairs(_:)``); `nil` when the flag was not given. A malformed value fails as
    /// docker's flag parsing fails, with exit code 125.
    func dockerConfig() throws -> [String: String]? {
        guard !self.docker.isEmpty else { return nil }
        var config: [String: String] = [:]
        for value in self.docker {
            config.merge(try FlagValue.parse(value, for: "--docker", Self.dockerPairs)) { $1 }
        }
        return config
    }

    /// One `--docker` value read as pflag's `stringToString` reads it: with one `=`, a single
    /// `key=value` pair, quotes trimmed from both ends and commas kept (`host=tcp://a,b`);
    /// with more, one CSV record of `key=value` fields (`"host=tcp://h:2376,ca=/ca.pem"`), a
    /// later key replacing an earlier one. Throws ``InvalidFlagValue`` for a value or field
    /// without `=`.
    static func dockerPairs(_ value: String) throws -> [String: String] {
        let fields: [String]
        switch value.unicodeScalars.count(where: { $0 == "=" }) {
        case 0: throw InvalidFlagValue(reason: "\(value) must be formatted as key=value")
        case 1: fields = [value.trimming(while: { $0 == "\"" })]
        default: fields = try GoCSV.record(value)
        }
        var pairs: [String: String] = [:]
        for field in fields {
            guard let (key, value) = field.cut(atFirst: "=") else {
                throw InvalidFlagValue(reason: "\(field) must be formatted as key=value")
            }
            pairs[String(key)] = String(value)
        }
        return pairs
    }

    /// The docker endpoint `config` (from ``dockerConfig()``) describes, and the TLS files to
    /// copy into the context with it, as docker's `getDockerEndpoint` makes them:
    ///
    /// - only the keys of ``dockerKeys`` are taken;
    /// - `from=NAME` copies the host and `skip-tls-verify` of context `NAME` (`default` being
    ///   the one `environment` describes), not its TLS files, and ignores the other keys;
    /// - otherwise `ca`, `cert` and `key` name files that must be readable, `skip-tls-verify`
    ///   is a Go boolean (`1`, `t`, `true`, `0`, `F`, `FALSE`…), and `host` may be absent (the
    ///   local socket); the endpoint must make a client.
    ///
    /// Failures read `unable to create docker endpoint config: …` with docker's reason.
    static func dockerEndpoint(
        _ config: [String: String], store: DockerContextStore, environment: [String: String]
    ) throws -> (endpoint: DockerContext.Endpoint, tls: DockerContext.TLSFiles?) {
        do {
            let unknown = config.keys.filter { key in !Self.dockerKeys.contains { $0.name == key } }.sorted()
            guard unknown.isEmpty else {
                throw CommandFailure(description: unknown.map { "unrecognized config key: \($0)" }.joined(separator: "\n"))
            }
            if let source = config["from"] {
                guard let endpoint = try store.context(named: source, environment: environment).endpoint else {
                    throw CommandFailure(description: "unable to get endpoint from context \(GoQuote.quote(source))")
                }
                return (endpoint, nil)
            }
            func file(_ key: String) throws -> URL? {
                guard let path = config[key], !path.isEmpty else { return nil }
                _ = try LocalFiles.contents(ofFile: path)
                return URL(fileURLWithPath: path)
            }
            let files = DockerContext.TLSFiles(
                caCertificate: try file("ca"), clientCertificate: try file("cert"), clientKey: try file("key"))
            let tls = files == DockerContext.TLSFiles() ? nil : files
            var skipTLSVerify = false
            if let text = config["skip-tls-verify"] {
                guard let value = goParseBool(text) else {
                    throw CommandFailure(description: "skip-tls-verify: parsing \(GoQuote.quote(text)): invalid syntax")
                }
                skipTLSVerify = value
            }
            let host = config["host"].flatMap { $0.isEmpty ? nil : $0 }
            let endpoint = DockerContext.Endpoint(host: host, skipTLSVerify: skipTLSVerify)
            try Self.checkMakesClient(endpoint, tls: tls)
            return (endpoint, tls)
        } catch {
            throw CommandFailure(description: "unable to create docker endpoint config: \(error)")
        }
    }

    /// Fails, with docker's wording, unless a client can be made for `endpoint` and `tls`: its
    /// host must parse, and for a `tcp://` host with TLS, its files must be valid PEM.
    private static func checkMakesClient(_ endpoint: DockerContext.Endpoint, tls: DockerContext.TLSFiles?) throws {
        if let host = endpoint.host {
            do {
                _ = try DockerContext.host(parsing: host)
            } catch {
                throw CommandFailure(description: "unable to apply docker endpoint options: \(error)")
            }
        }
        do {
            // Only the endpoint and TLS files are looked at here, not the name.
            let configuration = try DockerContext(name: "", endpoint: endpoint, tls: tls).clientConfiguration()
            try DockerClient(configuration: configuration).shutdown()
        } catch {
            throw CommandFailure(description: "invalid docker endpoint options: \(error)")
        }
    }

}
