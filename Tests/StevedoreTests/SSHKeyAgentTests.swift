import Crypto
import CryptoExtras
import Foundation
import StevedoreTestSupport
import Testing

@testable import Stevedore

/// The in-process ssh agent over key files `ssh-keygen` writes: it lists them, and its
/// signatures verify with their public keys.
struct SSHKeyAgentTests {
    /// A new key of `type` (`ed25519`, `ecdsa`, `rsa`) with `bits`, commented `comment`.
    private static func generate(_ type: String, bits: Int? = nil, comment: String, in directory: URL) async throws -> URL {
        let file = directory.appendingPathComponent("\(type)-\(bits ?? 0)")
        let outcome = try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/ssh-keygen")).run(
            ["-q", "-t", type] + (bits.map { ["-b", String($0)] } ?? []) + ["-N", "", "-C", comment, "-f", file.path])
        try #require(outcome.status == 0, "\(outcome)")
        return file
    }

    /// Whether `signature` (an agent's sign response's blob) verifies `data` with `publicKeyBlob`.
    private static func verifies(_ signature: [UInt8], of data: [UInt8], publicKeyBlob: [UInt8]) throws -> Bool {
        var key = SSHWireReader(publicKeyBlob)
        var blob = SSHWireReader(signature)
        let algorithm = try blob.string()
        let bytes = try blob.lengthPrefixed()
        switch try key.string() {
        case "ssh-ed25519":
            return try Curve25519.Signing.PublicKey(rawRepresentation: key.lengthPrefixed()).isValidSignature(bytes, for: data)
        case "ecdsa-sha2-nistp256":
            _ = try key.string()
            var parts = SSHWireReader(bytes)
            let raw = Self.padded(try parts.mpint(), 32) + Self.padded(try parts.mpint(), 32)
            return try P256.Signing.PublicKey(x963Representation: key.lengthPrefixed()).isValidSignature(
                P256.Signing.ECDSASignature(rawRepresentation: raw), for: data)
        case "ssh-rsa":
            let (e, n) = (try key.mpint(), try key.mpint())
            let publicKey = try _RSA.Signing.PublicKey(n: n, e: e)
            let digest: any Digest = algorithm == "rsa-sha2-512" ? SHA512.hash(data: data) : SHA256.hash(data: data)
            #expect(algorithm == "rsa-sha2-512" || algorithm == "rsa-sha2-256")
            if let digest = digest as? SHA512Digest {
                return publicKey.isValidSignature(
                    _RSA.Signing.RSASignature(rawRepresentation: bytes), for: digest, padding: .insecurePKCS1v1_5)
            }
            return publicKey.isValidSignature(
                _RSA.Signing.RSASignature(rawRepresentation: bytes), for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
        default:
            return false
        }
    }

    private static func padded(_ value: [UInt8], _ count: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: max(0, count - value.count)) + value
    }

    /// A framed request of `type` with `body`.
    private static func request(_ type: UInt8, _ body: (inout SSHWireWriter) -> Void = { _ in }) -> [UInt8] {
        var message = SSHWireWriter()
        message.byte(type)
        body(&message)
        var framed = SSHWireWriter()
        framed.lengthPrefixed(message.bytes)
        return framed.bytes
    }

    @Test func keysAreListedAndSignAsTheirPublicKeysVerify() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            try await Self.generate("ed25519", comment: "an-ed25519-key", in: directory),
            try await Self.generate("ecdsa", bits: 256, comment: "a-p256-key", in: directory),
            try await Self.generate("rsa", bits: 2048, comment: "an-rsa-key", in: directory),
        ]
        let keys = try files.map(SSHPrivateKey.init(contentsOf:))
        #expect(keys.map(\.comment) == ["an-ed25519-key", "a-p256-key", "an-rsa-key"])
        let agent = SSHKeyAgent(keys: keys)

        var listing = SSHWireReader(agent.answer(Self.request(11)))
        _ = try listing.uint32()
        #expect(try listing.byte() == 12)
        #expect(try listing.uint32() == 3)
        for key in keys {
            #expect(try listing.lengthPrefixed() == key.publicKeyBlob)
            #expect(try listing.string() == key.comment)
        }

        let data = Array("session identifier and user auth request".utf8)
        for (key, flags) in zip(keys, [UInt32(0), 0, 4]) {
            var answer = SSHWireReader(
                agent.answer(
                    Self.request(13) {
                        $0.lengthPrefixed(key.publicKeyBlob); $0.lengthPrefixed(data); $0.uint32(flags)
                    }))
            _ = try answer.uint32()
            #expect(try answer.byte() == 14, "\(key.comment)")
            #expect(try Self.verifies(answer.lengthPrefixed(), of: data, publicKeyBlob: key.publicKeyBlob), "\(key.comment)")
        }
        // A key it does not hold, and anything but listing and signing: SSH_AGENT_FAILURE.
        #expect(
            agent.answer(
                Self.request(13) {
                    $0.lengthPrefixed([1, 2, 3]); $0.lengthPrefixed(data); $0.uint32(0)
                }) == [0, 0, 0, 1, 5])
        #expect(agent.answer(Self.request(19)) == [0, 0, 0, 1, 5])
    }

    /// A key file is read to its end, so a pipe serves (`--ssh id=<(…)`); one that cannot be
    /// read names the file and Go's reason.
    @Test func aKeyFileMayBeAPipe() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try await Self.generate("ed25519", comment: "a-piped-key", in: directory)
        let content = try Data(contentsOf: file)
        let fifo = directory.appendingPathComponent("fifo")
        try #require(mkfifo(fifo.path, 0o600) == 0)
        // Opening a FIFO to write waits for its reader: on a thread of its own.
        let writer = Thread { try? content.write(to: fifo) }
        writer.start()
        #expect(try SSHPrivateKey(contentsOf: fifo).publicKeyBlob == SSHPrivateKey(contentsOf: file).publicKeyBlob)
        let unreadable = #expect(throws: DockerError.self) { try SSHPrivateKey(contentsOf: directory) }
        #expect(unreadable?.message == "the ssh key \(directory.path) cannot be read: read \(directory.path): is a directory")
    }

    @Test func anEncryptedOrForeignKeyIsRefusedByName() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stevedore-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let encrypted = directory.appendingPathComponent("encrypted")
        let outcome = try await CommandLineProcess(executable: URL(fileURLWithPath: "/usr/bin/ssh-keygen")).run(
            ["-q", "-t", "ed25519", "-N", "passphrase", "-f", encrypted.path])
        try #require(outcome.status == 0)
        let refused = #expect(throws: DockerError.self) { try SSHPrivateKey(contentsOf: encrypted) }
        #expect(refused?.message.contains("is encrypted") == true, "\(String(describing: refused))")
        let text = directory.appendingPathComponent("text")
        try Data("not a key\n".utf8).write(to: text)
        let notAKey = #expect(throws: DockerError.self) { try SSHPrivateKey(contentsOf: text) }
        #expect(notAKey?.category == .invalidInput && notAKey?.message.contains(text.path) == true)
    }
}
