import Stevedore

/// docker's drawing of a root CA rotation (`cli/command/swarm/progress`, shown through
/// `jsonmessage`), fed the reports of
/// ``DockerClient/Swarm/waitUntilRootRotationConverged(pollInterval:progress:)``: three lines
/// tracked by id, the digest of the root the swarm wants, the nodes with a rotated TLS
/// certificate and the nodes trusting the new root (shown as none until every certificate is
/// rotated and the swarm no longer reports the rotation under way). Off a terminal docker drops
/// the lines with a count and prints the digest line at every look.
struct RootRotationDisplay {
    private static let digestID = "desired root digest"
    private static let certificatesID = "  rotated TLS certificates"
    private static let rootsID = "  rotated CA certificates"
    // The roots' label is one character shorter: one space of action aligns the two bars.
    private static let rootsAction = " "

    private var output: ProgressDisplay

    init(output: ProgressDisplay) {
        self.output = output
    }

    /// The three lines before the first look.
    mutating func start() -> String {
        self.action(Self.digestID, "") + self.action(Self.certificatesID, "") + self.action(Self.rootsID, Self.rootsAction)
    }

    /// The text `rotation` adds to the output.
    mutating func render(_ rotation: SwarmRootRotation) -> String {
        let certificatesDone = rotation.nodesWithRotatedCertificate == rotation.nodes && !rotation.isInProgress
        return self.action(Self.digestID, rotation.desiredTrustRootDigest)
            + self.counted(Self.certificatesID, "", rotation.nodesWithRotatedCertificate, of: rotation.nodes)
            + self.counted(Self.rootsID, Self.rootsAction, certificatesDone ? rotation.nodesTrustingDesiredRoot : 0, of: rotation.nodes)
    }

    /// docker's two lines when Ctrl-C stops the wait.
    mutating func interruptionNotice() -> String {
        self.output.render(ProgressMessage(status: "Operation continuing in background."))
            + self.output.render(ProgressMessage(status: "Use `swarmctl cluster inspect default` to check progress."))
    }

    private mutating func action(_ id: String, _ text: String) -> String {
        self.output.render(ProgressMessage(id: id, status: text, progressDetail: ProgressDetail()))
    }

    /// A tracked line with `current` of `total` nodes, which docker drops off a terminal.
    private mutating func counted(_ id: String, _ action: String, _ current: Int, of total: Int) -> String {
        let count = self.output.count(current, of: total, units: "nodes")
        guard self.output.isTerminal || count.isEmpty else { return "" }
        return self.action(id, count.isEmpty ? action : action + " " + count)
    }
}
