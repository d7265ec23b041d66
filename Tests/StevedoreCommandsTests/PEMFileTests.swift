import Foundation
import Testing

@testable import StevedoreCommands

/// The PEM files of `swarm ca --ca-cert/--ca-key` and `--external-ca cacert=`, read as Go's
/// `pem.Decode` reads them.
@Suite struct PEMFileTests {
    static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIBajCCARCgAwIBAgIUF5VNhhjhqLqx2qpCcA9KgtAldGcwCgYIKoZIzj0EAwIw
        EzERMA8GA1UEAxMIc3dhcm0tY2E=
        -----END CERTIFICATE-----

        """

    @Test(arguments: [
        (Self.certificate, true),
        ("text before\n" + Self.certificate.replacingOccurrences(of: "\n", with: "\r\n"), true),
        ("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n", true),
        ("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", false),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n", false),
        ("-----BEGIN CERTIFICATE-----\nAAAA\n", false),
        ("no PEM here\n", false),
    ])
    func blocksAreFoundAsGoFindsThem(text: String, found: Bool) {
        #expect(StevedoreCommand.Swarm.containsPEMBlock(text) == found)
    }

    @Test func unreadableFilesGetGosReasons() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-pem-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: InvalidFlagValue(reason: "read \(directory.path): is a directory")) {
            try StevedoreCommand.Swarm.readPEM(atPath: directory.path)
        }
        let missing = directory.appendingPathComponent("missing.pem").path
        #expect(throws: InvalidFlagValue(reason: "open \(missing): no such file or directory")) {
            try StevedoreCommand.Swarm.readPEM(atPath: missing)
        }
    }
}
