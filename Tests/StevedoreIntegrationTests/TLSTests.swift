import Foundation
import Stevedore
import StevedoreTestSupport
import Testing

@Suite("TLS against the real engine", .enabled("needs the engine's TLS endpoint: scripts/test starts one") { TestEngine.shouldRunTLS() })
struct TLSTests {
    func endpoint() throws -> (host: DockerHost, certificates: String) {
        let endpoint = try #require(TestEngine.tlsEndpoint, "scripts/engine env names STEVEDORE_TLS_HOST")
        return (try DockerHost(parsing: endpoint.host), endpoint.certificateDirectory)
    }

    func client(_ host: DockerHost, tls: DockerTLSOptions?) throws -> DockerClient {
        var configuration = DockerClientConfiguration(host: host)
        configuration.tls = tls
        return try DockerClient(configuration: configuration)
    }

    @Test func verifiedTLSWithAClientCertificateWorks() async throws {
        let (host, certificates) = try self.endpoint()
        let client = try self.client(host, tls: DockerTLSOptions(certificateDirectory: certificates))
        defer { client.shutdown() }
        #expect(try await client.apiVersion() >= APIVersion(1, 24))
        #expect(try await client.system.version().version?.isEmpty == false)
        // A stream through TLS: events over a closed window end by themselves.
        let now = Date()
        let options = SystemEventsOptions(
            since: SystemEventsOptions.timestamp(now.addingTimeInterval(-5)), until: SystemEventsOptions.timestamp(now))
        for try await _ in try await client.system.events(options) {}
    }

    @Test func theEnvironmentConfiguresTLSAsTheDockerCLIDoes() async throws {
        let (host, certificates) = try self.endpoint()
        let configuration = try DockerClientConfiguration.fromEnvironment([
            "DOCKER_HOST": host.description, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certificates,
        ])
        let client = try DockerClient(configuration: configuration)
        defer { client.shutdown() }
        _ = try await client.system.ping()
    }

    @Test func anUntrustedDaemonCertificateIsATLSError() async throws {
        let (host, certificates) = try self.endpoint()
        // The client's certificate, but the system's trust roots, which do not know the test CA.
        var options = DockerTLSOptions(certificateDirectory: certificates)
        options.caCertificatePath = nil
        let client = try self.client(host, tls: options)
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await client.system.ping() }
        #expect(error?.category == .tls)
        #expect(error?.hint?.contains("--tlscacert") == true)
    }

    @Test func aDaemonThatVerifiesClientsRefusesOneWithoutCertificate() async throws {
        let (host, certificates) = try self.endpoint()
        let options = DockerTLSOptions(caCertificatePath: "\(certificates)/ca.pem")
        let client = try self.client(host, tls: options)
        defer { client.shutdown() }
        await #expect(throws: DockerError.self) { try await client.system.version() }
    }

    @Test func plainHTTPToTheTLSPortSaysToUseTLS() async throws {
        let (host, _) = try self.endpoint()
        let client = try self.client(host, tls: nil)
        defer { client.shutdown() }
        let error = await #expect(throws: DockerError.self) { try await client.system.ping() }
        #expect(error?.message.contains("HTTPS") == true)
        #expect(error?.hint?.contains("--tlsverify") == true)
    }
}
