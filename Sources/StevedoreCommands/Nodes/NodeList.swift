import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node ls` (also `list`): the swarm's nodes sorted by hostname, this daemon's
    /// own marked `*`, as docker.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List nodes in the swarm", aliases: ["list"])

        @OptionGroup var options: SwarmListOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.options.filters(as: NodeListFilters.self)
            try await withClient(self.global) { client in
                let nodes = try await client.nodes.list(.init(filters: filters))
                // As docker: which node is this daemon's, and the swarm's TLS state, only matter
                // (and are only asked) when there are rows to show in full.
                var swarmInfo: SwarmInfo?
                if !nodes.isEmpty && !self.options.quiet {
                    swarmInfo = try await client.system.info().swarm
                }
                let rows = nodes.sorted { naturalLess($0.description?.hostname ?? "", $1.description?.hostname ?? "") }
                    .map { NodeRow($0, selfID: swarmInfo?.nodeID ?? "", clusterTLS: swarmInfo?.cluster?.tlsInfo) }
                try self.options.print(
                    rows, tableFormat: NodeRow.tableFormat, titles: NodeRow.titles, configured: \.nodesFormat, global: self.global)
            }
        }
    }
}

/// One line of `node ls`: the fields of docker's node formatting context (`Self` a boolean,
/// the rest strings).
struct NodeRow: FormatterContext {
    static let formatterContextType = "*node.nodeContext"
    var Availability: String
    var EngineVersion: String
    var Hostname: String
    var ID: String
    var ManagerStatus: String
    var isSelf: Bool
    var Status: String
    var TLSStatus: String

    enum CodingKeys: String, CodingKey {
        case Availability, EngineVersion, Hostname, ID, ManagerStatus
        case isSelf = "Self"
        case Status, TLSStatus
    }

    static let tableFormat =
        "table {{.ID}} {{if .Self}}*{{else}} {{ end }}\t{{.Hostname}}\t{{.Status}}\t{{.Availability}}\t{{.ManagerStatus}}"
        + "\t{{.EngineVersion}}"
    static let titles = [
        "ID": "ID", "Self": "", "Hostname": "HOSTNAME", "Status": "STATUS", "Availability": "AVAILABILITY",
        "ManagerStatus": "MANAGER STATUS", "EngineVersion": "ENGINE VERSION", "TLSStatus": "TLS STATUS",
    ]

    /// The row of `node`; `selfID` is this daemon's node id and `clusterTLS` the swarm's
    /// current TLS identity (both from `/info`).
    init(_ node: Node, selfID: String, clusterTLS: TLSInfo?) {
        let id = node.id ?? ""
        self.ID = id
        self.isSelf = id == selfID
        self.Hostname = node.description?.hostname ?? ""
        self.Status = TaskRow.prettyPrint(node.status?.state?.rawValue ?? "")
        self.Availability = TaskRow.prettyPrint(node.spec?.availability?.rawValue ?? "")
        var managerStatus = ""
        if let manager = node.managerStatus {
            managerStatus = manager.leader == true ? "Leader" : manager.reachability?.rawValue ?? ""
        }
        self.ManagerStatus = TaskRow.prettyPrint(managerStatus)
        self.EngineVersion = node.description?.engine?.engineVersion ?? ""
        self.TLSStatus = Self.tlsStatus(node: node.description?.tlsInfo, cluster: clusterTLS)
    }

    /// `Ready` when the node's certificate comes from the swarm's current root CA, `Needs
    /// Rotation` when not, `Unknown` when either side says nothing.
    private static func tlsStatus(node: TLSInfo?, cluster: TLSInfo?) -> String {
        func fields(_ info: TLSInfo?) -> [String] {
            [info?.trustRoot, info?.certIssuerSubject, info?.certIssuerPublicKey].map { $0 ?? "" }
        }
        let (nodeFields, clusterFields) = (fields(node), fields(cluster))
        guard nodeFields.contains(where: { !$0.isEmpty }), clusterFields.contains(where: { !$0.isEmpty }) else { return "Unknown" }
        return nodeFields == clusterFields ? "Ready" : "Needs Rotation"
    }
}
