import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One look at a rotation of the swarm's root CA, from
/// ``DockerClient/Swarm/waitUntilRootRotationConverged(pollInterval:progress:)``: how many
/// nodes have moved to the root the swarm wants, counted as the docker CLI counts them.
public struct SwarmRootRotation: Hashable, Sendable {
    /// The root CA certificate (PEM) the swarm rotates to: its `TLSInfo.TrustRoot`.
    public var desiredTrustRoot: String
    /// The nodes of the swarm, down ones included.
    public var nodes: Int
    /// The nodes whose TLS certificate comes from the desired root's issuer (the same issuer
    /// subject and public key as the swarm's `TLSInfo`).
    public var nodesWithRotatedCertificate: Int
    /// The nodes that trust the desired root.
    public var nodesTrustingDesiredRoot: Int
    /// Whether the swarm reports the rotation still under way (`RootRotationInProgress`).
    public var isInProgress: Bool

    public init(desiredTrustRoot: String, nodes: Int, nodesWithRotatedCertificate: Int, nodesTrustingDesiredRoot: Int, isInProgress: Bool) {
        self.desiredTrustRoot = desiredTrustRoot
        self.nodes = nodes
        self.nodesWithRotatedCertificate = nodesWithRotatedCertificate
        self.nodesTrustingDesiredRoot = nodesTrustingDesiredRoot
        self.isInProgress = isInProgress
    }

    /// Counts `nodes` against what `swarm` wants.
    init(swarm: StevedoreModels.Swarm, nodes: [Node]) {
        let desired = swarm.tlsInfo ?? TLSInfo()
        let descriptions = nodes.map { $0.description?.tlsInfo ?? TLSInfo() }
        self.init(
            desiredTrustRoot: desired.trustRoot ?? "", nodes: nodes.count,
            nodesWithRotatedCertificate: descriptions.count {
                ($0.certIssuerPublicKey ?? "") == (desired.certIssuerPublicKey ?? "")
                    && ($0.certIssuerSubject ?? "") == (desired.certIssuerSubject ?? "")
            },
            nodesTrustingDesiredRoot: descriptions.count { ($0.trustRoot ?? "") == (desired.trustRoot ?? "") },
            isInProgress: swarm.rootRotationInProgress ?? false)
    }

    /// Whether the rotation is over: every node has a certificate from the new root and trusts
    /// it, and the swarm reports nothing under way.
    public var isConverged: Bool {
        !self.isInProgress && self.nodesWithRotatedCertificate == self.nodes && self.nodesTrustingDesiredRoot == self.nodes
    }

    /// `sha256:` and the hex SHA-256 of ``desiredTrustRoot``: a short name for the root (the
    /// docker CLI shows it while the rotation goes on).
    public var desiredTrustRootDigest: String {
        "sha256:" + SHA256.hash(data: Data(self.desiredTrustRoot.utf8)).map { $0.hexDigits(width: 2) }.joined()
    }
}
