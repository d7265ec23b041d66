import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import StevedoreTestSupport
import Testing

@testable import StevedoreTransport

/// TLS connections to the test engine's TLS endpoint, where the transport alone is concerned.
@Suite(
    "TLS connect against the real engine",
    .enabled("needs the engine's TLS endpoint: scripts/test starts one") { TestEngine.shouldRunTLS() })
struct TLSConnectTests {
    /// A resolver answering every name with `addresses`, in order, as IPv4 records.
    struct FixedResolver: Resolver, Sendable {
        let loop: any EventLoop
        let addresses: [SocketAddress]

        func initiateAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> { self.loop.makeSucceededFuture(self.addresses) }
        func initiateAAAAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> { self.loop.makeSucceededFuture([]) }
        func cancelQueries() {}
    }

    /// A host name with several addresses, the first refusing: happy eyeballs makes a channel
    /// per attempt, and the connection waits for the handshake of the one that answered. The
    /// refused attempt's teardown failed the whole connect ("closed during the TLS handshake"),
    /// which broke `localhost` wherever it names `::1` before `127.0.0.1`.
    @Test func aHostWithSeveralAddressesConnectsThroughTheOneThatAnswers() async throws {
        let endpoint = try #require(TestEngine.tlsEndpoint, "scripts/engine env names STEVEDORE_TLS_HOST")
        let port = try #require(endpoint.host.split(separator: ":").last.flatMap { Int($0) }, "\(endpoint.host)")
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.trustRoots = .file(endpoint.certificateDirectory + "/ca.pem")
        configuration.certificateChain = try NIOSSLCertificate.fromPEMFile(endpoint.certificateDirectory + "/cert.pem")
            .map { .certificate($0) }
        configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: endpoint.certificateDirectory + "/key.pem", format: .pem))
        let target = try ConnectionTarget.tls(host: "127.0.0.1", port: port, configuration: configuration)
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        // Nothing listens on 127.0.0.2: refused at once, before the second attempt's handshake.
        let addresses = [try SocketAddress(ipAddress: "127.0.0.2", port: port), try SocketAddress(ipAddress: "127.0.0.1", port: port)]
        let resolver = FixedResolver(loop: loop, addresses: addresses)
        let connection = try await HTTPConnection.connect(
            id: 1, to: target, on: loop, connectTimeout: .seconds(10), allowHalfClosure: false, resolver: resolver)
        let response = try await connection.execute(HTTPRequest(method: .GET, target: "/_ping")) { _ in }
        #expect(response.head.status == .ok)
        #expect(String(buffer: try await response.body.collect(upTo: 1024)) == "OK")
        try await connection.channel.close()
    }
}
