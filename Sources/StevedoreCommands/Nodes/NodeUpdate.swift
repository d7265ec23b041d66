import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node update NODE`: changes the node's role, availability or labels, then
    /// prints the node as named.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Update a node")

        @Option(name: .long, parsing: .unconditional, help: "Availability of the node (\"active\", \"pause\", \"drain\")") var availability:
            String?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add or update a node label (\"key=value\")") var labelAdd:
            [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Remove a node label if exists") var labelRm: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Role of the node (\"worker\", \"manager\")") var role: String?

        @Argument(help: "NODE") var node: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await StevedoreCommand.Node.updateEach([self.node], client: client) { spec, _ in
                    // The values go to the daemon as given: it judges them, as with docker.
                    if let role = self.role { spec.role = NodeSpec.Role(rawValue: role) }
                    if let availability = self.availability { spec.availability = NodeSpec.Availability(rawValue: availability) }
                    var labels = spec.labels ?? [:]
                    labels.merge(keyValueMap(self.labelAdd) ?? [:]) { $1 }
                    for key in self.labelRm {
                        guard labels.removeValue(forKey: key) != nil else {
                            throw CommandFailure(description: "key \(key) doesn't exist in node's labels")
                        }
                    }
                    spec.labels = labels
                    return true
                } updated: { name in
                    printOut(name + "\n")
                }
            }
        }
    }

    /// docker's node updates, one node after the other: each inspected by `names`, its spec
    /// given to `change` with the node's id, and sent back unless `change` says there is
    /// nothing to do (returns false); `updated` then gets the name. The first failure stops
    /// the rest.
    static func updateEach(
        _ names: [String],
        client: DockerClient,
        change: (_ spec: inout NodeSpec, _ id: String) throws -> Bool,
        updated: (_ name: String) -> Void
    ) async throws {
        for name in names {
            let node = try await client.nodes.inspect(name)
            let id = node.id ?? name
            var spec = node.spec ?? NodeSpec()
            guard try change(&spec, id) else { continue }
            try await client.nodes.update(id, spec, version: Int64(clamping: node.version?.index ?? 0))
            updated(name)
        }
    }
}
