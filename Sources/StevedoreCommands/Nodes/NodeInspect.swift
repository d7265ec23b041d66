import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Node {
    /// `stevedore node inspect`: the nodes as the daemon's JSON array, each through `--format`,
    /// or in docker's human layout with `--pretty`. `self` names this daemon's node.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more nodes")

        @Argument(help: "self|NODE") var nodes: [String]
        @OptionGroup var output: PrettyInspectOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let layout = { ByteBuffer(string: NodeInspectPretty.text($0)) }
                try await self.output.printInspected(self.nodes, layout: layout, keepsDaemonJSON: false) { name in
                    try await client.nodes.inspectWithRaw(try await StevedoreCommand.Node.reference(name, client: client))
                }
            }
        }
    }

    /// The node `name` designates, as docker's node commands read it: `self` is this daemon's
    /// own node (its id from `/info`), any other name goes to the daemon as it is.
    static func reference(_ name: String, client: DockerClient) async throws -> String {
        guard name == "self" else { return name }
        if let id = try await client.system.info().swarm?.nodeID, !id.isEmpty { return id }
        // No node id: the daemon is most likely no manager, which a swarm call reports best.
        _ = try await client.nodes.list()
        throw CommandFailure(description: "node ID not found in /info")
    }
}

/// docker's `node inspect --pretty` layout (its `nodeInspectPrettyTemplate`).
enum NodeInspectPretty {
    /// `node` in the layout, ending with a newline. Sections without content (name, labels,
    /// status message and address, manager status, plugins, engine labels, TLS) are left out,
    /// as docker's template does.
    static func text(_ node: Node) -> String {
        let spec = node.spec
        let description = node.description
        var lines = ["ID:\t\t\t\(node.id ?? "")"]
        if let name = spec?.name, !name.isEmpty { lines.append("Name:\t\t\t\(name)") }
        lines += prettyLabelLines(spec?.labels)
        lines += [
            Self.aligned("Hostname:") + (description?.hostname ?? ""),
            Self.aligned("Joined at:") + prettySwarmTime(node.createdAt),
            "Status:",
            " State:\t\t\t" + TaskRow.prettyPrint(node.status?.state?.rawValue ?? ""),
        ]
        if let message = node.status?.message, !message.isEmpty {
            lines.append(Self.aligned(" Message:") + TaskRow.prettyPrint(message))
        }
        lines.append(Self.aligned(" Availability:") + TaskRow.prettyPrint(spec?.availability?.rawValue ?? ""))
        if let address = node.status?.addr, !address.isEmpty { lines.append(" Address:\t\t" + address) }
        if let manager = node.managerStatus {
            lines += [
                "Manager Status:",
                " Address:\t\t" + (manager.addr ?? ""),
                " Raft Status:\t\t" + TaskRow.prettyPrint(manager.reachability?.rawValue ?? ""),
                " Leader:\t\t" + (manager.leader == true ? "Yes" : "No"),
            ]
        }
        let resources = description?.resources
        let memory = resources?.memoryBytes ?? 0
        lines += [
            "Platform:",
            " Operating System:\t" + (description?.platform?.os ?? ""),
            " Architecture:\t\t" + (description?.platform?.architecture ?? ""),
            "Resources:",
            // Whole CPUs, rounded down, as docker's integer division.
            " CPUs:\t\t\t\((resources?.nanoCPUs ?? 0) / 1_000_000_000)",
            " Memory:\t\t" + (memory == 0 ? "" : HumanSize.binary(memory)),
        ]
        lines += Self.pluginLines(description?.engine?.plugins ?? [])
        lines.append("Engine Version:\t\t" + (description?.engine?.engineVersion ?? ""))
        // The engine's labels are listed as the node's are, under their own heading.
        let engineLabels = prettyLabelLines(description?.engine?.labels).dropFirst()
        if !engineLabels.isEmpty {
            lines.append("Engine Labels:")
            lines += engineLabels
        }
        if let tls = description?.tlsInfo,
            [tls.trustRoot, tls.certIssuerSubject, tls.certIssuerPublicKey].contains(where: { $0?.isEmpty == false })
        {
            // The issuer's subject and key are bytes, which the API and docker both write in
            // base64: the API's text is docker's.
            lines += [
                "TLS Info:",
                " TrustRoot:",
                tls.trustRoot ?? "",
                " Issuer Subject:\t" + (tls.certIssuerSubject ?? ""),
                " Issuer Public Key:\t" + (tls.certIssuerPublicKey ?? ""),
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A label of the status block padded as docker's template pads it: to 23 columns, then a
    /// tab.
    private static func aligned(_ label: String) -> String {
        label + String(repeating: " ", count: max(0, 23 - label.count)) + "\t"
    }

    /// `Plugins:` and a line per plugin type (sorted) naming that type's plugins in the
    /// engine's order; nothing without plugins.
    private static func pluginLines(_ plugins: [EngineDescription.Plugin]) -> [String] {
        guard !plugins.isEmpty else { return [] }
        var namesByType: [String: [String]] = [:]
        for plugin in plugins {
            namesByType[plugin.type ?? "", default: []].append(plugin.name ?? "")
        }
        return ["Plugins:"]
            + namesByType.sorted { $0.key < $1.key }.map { kind, names in
                let joined = names.joined(separator: ", ")
                return " \(kind):" + (joined.isEmpty ? "" : "\t\t" + joined)
            }
    }
}
