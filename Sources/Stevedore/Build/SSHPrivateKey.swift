import Crypto
import CryptoExtras
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A private key read from an OpenSSH key file (`-----BEGIN OPENSSH PRIVATE KEY-----`, as
/// `ssh-keygen` writes it), for the ssh agent a build's session runs in process
/// (``BuildSSHAgent/keyFiles``): ed25519, ECDSA (P-256, P-384, P-521) and RSA, unencrypted.
struct SSHPrivateKey: Sendable {
    private enum Key: Sendable {
        case ed25519(Curve25519.Signing.PrivateKey)
        case p256(P256.Signing.PrivateKey)
        case p384(P384.Signing.PrivateKey)
        case p521(P521.Signing.PrivateKey)
        case rsa(_RSA.Signing.PrivateKey)
    }

    /// The public key in the ssh wire format: what identifies the key to the agent's clients.
    let publicKeyBlob: [UInt8]
    let comment: String
    private let key: Key

    /// Reads the key file at `url`. Throws ``DockerError/Category/invalidInput`` naming the file
    /// when it cannot be read or is not an unencrypted OpenSSH key of a supported type.
    init(contentsOf url: URL) throws {
        func invalid(_ reason: String) -> DockerError {
            DockerError.invalidInput("the ssh key \(url.path) \(reason)")
        }
        // Read to its end, as a pipe (`--ssh id=<(…)`) is read too.
        let text: String
        do {
            text = String(decoding: try FileContents.bytes(ofFile: url.path), as: UTF8.self)
        } catch {
            throw invalid("cannot be read: \(error)")
        }
        let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
        let end = "-----END OPENSSH PRIVATE KEY-----"
        guard let start = text.firstRange(of: begin), let stop = text[start.upperBound...].firstRange(of: end) else {
            throw invalid("is not in the OpenSSH format: rewrite it with ssh-keygen -p -f \(url.path), or load it into ssh-agent")
        }
        guard let data = Data(base64Encoded: text[start.upperBound..<stop.lowerBound].filter { !$0.isWhitespace }.description) else {
            throw invalid("is not valid base64")
        }
        do {
            (self.publicKeyBlob, self.comment, self.key) = try Self.parse(Array(data))
        } catch let error as SSHWireReader.Failure {
            throw invalid(error.reason)
        } catch {
            throw invalid("is not a usable key: \(error)")
        }
    }

    /// The `openssh-key-v1` structure: its first public key and the matching private key.
    private static func parse(_ bytes: [UInt8]) throws -> ([UInt8], String, Key) {
        var reader = SSHWireReader(bytes)
        guard try reader.bytes(count: 15) == Array("openssh-key-v1\0".utf8) else {
            throw SSHWireReader.Failure("has no openssh-key-v1 header")
        }
        let cipher = try reader.string()
        _ = try reader.string()  // the key derivation function
        _ = try reader.string()  // its options
        guard cipher == "none" else {
            throw SSHWireReader.Failure("is encrypted (\(cipher)): load it into ssh-agent and forward the agent instead")
        }
        guard try reader.uint32() >= 1 else { throw SSHWireReader.Failure("holds no key") }
        let publicKey = try reader.lengthPrefixed()
        var secret = SSHWireReader(try reader.lengthPrefixed())
        guard try secret.uint32() == secret.uint32() else { throw SSHWireReader.Failure("has a damaged private section") }
        let type = try secret.string()
        let key: Key
        switch type {
        case "ssh-ed25519":
            _ = try secret.lengthPrefixed()  // the public key
            let pair = try secret.lengthPrefixed()
            guard pair.count == 64 else { throw SSHWireReader.Failure("has an ed25519 key of \(pair.count) bytes") }
            key = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: pair.prefix(32)))
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            _ = try secret.string()  // the curve's name
            _ = try secret.lengthPrefixed()  // the public point
            let scalar = try secret.mpint()
            switch type {
            case "ecdsa-sha2-nistp256": key = .p256(try P256.Signing.PrivateKey(rawRepresentation: Self.padded(scalar, to: 32)))
            case "ecdsa-sha2-nistp384": key = .p384(try P384.Signing.PrivateKey(rawRepresentation: Self.padded(scalar, to: 48)))
            default: key = .p521(try P521.Signing.PrivateKey(rawRepresentation: Self.padded(scalar, to: 66)))
            }
        case "ssh-rsa":
            let (n, e, d) = (try secret.mpint(), try secret.mpint(), try secret.mpint())
            _ = try secret.mpint()  // iqmp
            let (p, q) = (try secret.mpint(), try secret.mpint())
            key = .rsa(try _RSA.Signing.PrivateKey(n: n, e: e, d: d, p: p, q: q))
        default:
            throw SSHWireReader.Failure("is of type \(type), which Stevedore cannot sign with")
        }
        return (publicKey, try secret.string(), key)
    }

    /// `value` (big-endian, without leading zeros) left-padded with zeros to `count` bytes.
    private static func padded(_ value: [UInt8], to count: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: max(0, count - value.count)) + value.suffix(count)
    }

    /// An `SSH_AGENT_SIGN_RESPONSE`'s signature of `data`: the algorithm's name, then the
    /// signature in its ssh encoding. `flags` pick RSA's hash (`2`: SHA-256, `4`: SHA-512,
    /// else SHA-1 as `ssh-rsa`).
    func signature(of data: [UInt8], flags: UInt32) throws -> [UInt8] {
        var writer = SSHWireWriter()
        switch self.key {
        case .ed25519(let key):
            writer.string("ssh-ed25519")
            writer.lengthPrefixed(Array(try key.signature(for: data)))
        case .p256(let key):
            writer.string("ecdsa-sha2-nistp256")
            writer.lengthPrefixed(Self.ecdsaSignature(try key.signature(for: data).rawRepresentation))
        case .p384(let key):
            writer.string("ecdsa-sha2-nistp384")
            writer.lengthPrefixed(Self.ecdsaSignature(try key.signature(for: data).rawRepresentation))
        case .p521(let key):
            writer.string("ecdsa-sha2-nistp521")
            writer.lengthPrefixed(Self.ecdsaSignature(try key.signature(for: data).rawRepresentation))
        case .rsa(let key):
            let signature: _RSA.Signing.RSASignature
            if flags & 4 != 0 {
                writer.string("rsa-sha2-512")
                signature = try key.signature(for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5)
            } else if flags & 2 != 0 {
                writer.string("rsa-sha2-256")
                signature = try key.signature(for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
            } else {
                writer.string("ssh-rsa")
                signature = try key.signature(for: Insecure.SHA1.hash(data: data), padding: .insecurePKCS1v1_5)
            }
            writer.lengthPrefixed(Array(signature.rawRepresentation))
        }
        return writer.bytes
    }

    /// `r || s` as ssh's ECDSA signature blob: the two as mpints.
    private static func ecdsaSignature(_ raw: Data) -> [UInt8] {
        var writer = SSHWireWriter()
        let half = raw.count / 2
        writer.mpint(Array(raw.prefix(half)))
        writer.mpint(Array(raw.suffix(half)))
        return writer.bytes
    }
}
