import Foundation
import Testing

@testable import Stevedore

@Suite struct DockerHostTests {
    @Test(arguments: [
        ("unix:///var/run/docker.sock", "unix:///var/run/docker.sock"),
        ("unix://", "unix:///var/run/docker.sock"),
        ("", "unix:///var/run/docker.sock"),
        ("unix:///tmp/x y/docker.sock", "unix:///tmp/x y/docker.sock"),
        ("tcp://127.0.0.1:2375", "tcp://127.0.0.1:2375"),
        ("tcp://example.com", "tcp://example.com:2375"),
        ("tcp://:2376", "tcp://127.0.0.1:2376"),
        ("TCP://host:1234", "tcp://host:1234"),
        ("tcp://[::1]:2375", "tcp://[::1]:2375"),
        ("http://host:80/docker/", "tcp://host:80/docker"),
        ("https://host", "https://host:2376"),
        ("ssh://me@host:2222", "ssh://me@host:2222"),
        ("ssh://host", "ssh://host"),
        // Found by fuzzing: an IPv6 ssh host was printed without its brackets.
        ("ssh://[::0]/", "ssh://[::0]"),
        ("ssh://me@host/run/user/1000/docker.sock", "ssh://me@host/run/user/1000/docker.sock"),
        ("ssh://host//", "ssh://host"),
        ("ssh://m%65@host/run/a%20b/docker.sock?#", "ssh://me@host/run/a b/docker.sock"),
        ("ssh://a%3Ab@host/100%25", "ssh://a%3Ab@host/100%25"),
    ])
    func parsesAcceptedForms(input: String, expected: String) throws {
        #expect(try DockerHost(parsing: input).description == expected)
    }

    @Test(arguments: [
        "/var/run/docker.sock",
        "docker.sock",
        "unix://relative/path",
        "tcp://host:notaport",
        "tcp://host:0",
        "tcp://host:70000",
        "tcp://user@host:2375",
        "tcp://[::1:2375",
        // A mark joined to the port's `:` is no port (the `:` was dropped with it).
        "tcp://[::1]:\u{301}2375",
        "ftp://host",
        "npipe:////./pipe/docker_engine",
        "ssh://",
        "ssh://host/path?x=1",
        "ssh://host#here",
        "ssh://me:secret@host",
        "ssh://host/run/%zz",
        "tcp://host:2375/path?query",
        // Found by fuzzing: accepted, then printed as a host that did not parse again.
        "https://V::1]:2376",
        "tcp://::1:2375",
        "tcp://[]:2375",
        "tcp://[host]:2375",
        "ssh://us er@ho st",
    ])
    func rejectsMalformedHostsNamingTheValueAndTheForms(input: String) {
        let error = #expect(throws: DockerError.self) { try DockerHost(parsing: input) }
        #expect(error?.category == .invalidConfiguration)
        #expect(error?.message.contains(input) == true)
        #expect(error?.hint?.contains("unix:///path/to/docker.sock") == true)
    }

    @Test func basePathPrefixesEveryRequest() throws {
        let host = try DockerHost(parsing: "tcp://host:2375/proxy/docker")
        #expect(host.basePath == "/proxy/docker")
    }

    @Test func sshRunsTheDockerCLIsCommandLine() throws {
        let target = try DockerHost(parsing: "ssh://me@host:2222").connectionTarget(tls: nil)
        #expect(target.description == "ssh -o ConnectTimeout=30 -T -l me -p 2222 -- host docker system dial-stdio")
        let plain = try DockerHost(parsing: "ssh://host").connectionTarget(tls: nil)
        #expect(plain.description == "ssh -o ConnectTimeout=30 -T -- host docker system dial-stdio")
    }

    /// A socket path goes to the remote command as docker 28 gives it, quoted for the remote
    /// shell, which would otherwise split it and run what it holds.
    @Test func anSSHSocketPathIsGivenToTheRemoteCommandQuoted() throws {
        let rootless = try DockerHost(parsing: "ssh://me@host/run/user/1000/docker.sock").connectionTarget(tls: nil)
        #expect(
            rootless.description
                == "ssh -o ConnectTimeout=30 -T -l me -- host docker --host=unix:///run/user/1000/docker.sock system dial-stdio")
        let host = try DockerHost(parsing: "ssh://host/tmp/it's $(touch x).sock")
        let options = DockerSSHOptions(arguments: [], remoteCommand: ["stevedore", "system", "dial-stdio"])
        #expect(
            try host.connectionTarget(tls: nil, ssh: options).description
                == #"ssh -- host stevedore '--host=unix:///tmp/it'\''s $(touch x).sock' system dial-stdio"#)
        #expect(DockerSSHOptions.shellQuoted("") == "''")
    }

    @Test func httpsMeansTLSAndTCPWithTLSOptionsToo() throws {
        #expect(try DockerHost(parsing: "https://host:2376").connectionTarget(tls: nil).usesTLS)
        #expect(try !DockerHost(parsing: "tcp://host:2376").connectionTarget(tls: nil).usesTLS)
        #expect(try DockerHost(parsing: "tcp://host:2376").connectionTarget(tls: DockerTLSOptions(verifyServer: false)).usesTLS)
        #expect(try !DockerHost(parsing: "unix:///x.sock").connectionTarget(tls: DockerTLSOptions()).usesTLS)
    }

    @Test func unreadableTLSFilesAreNamed() throws {
        let host = try DockerHost(parsing: "tcp://host:2376")
        let error = #expect(throws: DockerError.self) {
            try host.connectionTarget(tls: DockerTLSOptions(caCertificatePath: "/nonexistent/ca.pem"))
        }
        #expect(error?.category == .invalidConfiguration)
        #expect(error?.message.contains("/nonexistent/ca.pem") == true)
        let halfPair = #expect(throws: DockerError.self) {
            try host.connectionTarget(tls: DockerTLSOptions(clientCertificatePath: "/etc/hostname"))
        }
        #expect(halfPair?.message.contains("both") == true)
    }
}

@Suite struct ConfigurationTests {
    @Test func environmentLikeTheDockerCLI() throws {
        let configuration = try DockerClientConfiguration.fromEnvironment([
            "DOCKER_HOST": "tcp://10.0.0.1:2375",
            "DOCKER_API_VERSION": "1.41",
        ])
        #expect(configuration.host.description == "tcp://10.0.0.1:2375")
        #expect(configuration.apiVersion == APIVersion(1, 41))
    }

    @Test func emptyEnvironmentMeansTheLocalSocketAndNegotiation() throws {
        let configuration = try DockerClientConfiguration.fromEnvironment([:])
        #expect(configuration.host == .local)
        #expect(configuration.apiVersion == nil)
    }

    @Test func tlsVerifyTakesTheFilesOfTheCertificateDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-certs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data().write(to: directory.appendingPathComponent("ca.pem"))
        let configuration = try DockerClientConfiguration.fromEnvironment([
            "DOCKER_HOST": "tcp://host:2376", "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": directory.path,
        ])
        #expect(configuration.tls?.verifyServer == true)
        #expect(configuration.tls?.caCertificatePath == directory.appendingPathComponent("ca.pem").path)
        #expect(configuration.tls?.clientCertificatePath == nil, "cert.pem does not exist")
        let unverified = try DockerClientConfiguration.fromEnvironment(["DOCKER_TLS": "1", "HOME": directory.path])
        #expect(unverified.tls?.verifyServer == false)
        #expect(try DockerClientConfiguration.fromEnvironment([:]).tls == nil)
    }

    @Test func malformedVersionIsAConfigurationError() {
        let error = #expect(throws: DockerError.self) {
            try DockerClientConfiguration.fromEnvironment(["DOCKER_API_VERSION": "latest"])
        }
        #expect(error?.category == .invalidConfiguration)
        #expect(error?.message.contains("latest") == true)
    }

    @Test func malformedHostIsAConfigurationError() {
        let error = #expect(throws: DockerError.self) {
            try DockerClientConfiguration.fromEnvironment(["DOCKER_HOST": "localhost:2375"])
        }
        #expect(error?.message.contains("localhost:2375") == true)
    }
}
