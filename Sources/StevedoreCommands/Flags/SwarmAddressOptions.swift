import ArgumentParser

/// The addresses `swarm init` and `swarm join` take for this node.
struct SwarmAddressOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Listen address (format: \"<ip|interface>[:port]\") (default 0.0.0.0:2377)")
    var listenAddr: String?

    @Option(name: .long, parsing: .unconditional, help: "Advertised address (format: \"<ip|interface>[:port]\")")
    var advertiseAddr: String?

    @Option(name: .long, parsing: .unconditional, help: "Address or interface to use for data path traffic (format: \"<ip|interface>\")")
    var dataPathAddr: String?

    /// `--listen-addr` completed as docker completes it (see
    /// ``StevedoreCommand/Swarm/nodeAddress(_:)``), or nil when it is not given.
    func listenAddress() throws -> String? {
        try self.listenAddr.map { try FlagValue.parse($0, for: "--listen-addr", StevedoreCommand.Swarm.nodeAddress) }
    }
}
