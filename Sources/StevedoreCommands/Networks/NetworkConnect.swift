import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network connect NETWORK CONTAINER`.
    struct Connect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "connect", abstract: "Connect a container to a network")

        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add network-scoped alias for the container") var alias: [String] =
            []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "driver options for the network") var driverOpt: [String] = []
        @Option(
            name: .long, parsing: .unconditional,
            help: "Highest gw-priority provides the default gateway. Accepts positive and negative values.")
        var gwPriority: GoInteger<Int>?
        @Option(name: .long, parsing: .unconditional, help: "IPv4 address (e.g., \"172.30.100.104\")") var ip: String?
        @Option(name: .long, parsing: .unconditional, help: "IPv6 address (e.g., \"2001:db8::33\")") var ip6: String?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add link to another container") var link: [String] = []
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Add a link-local address for the container") var linkLocalIp:
            [String] = []

        @Argument(help: "NETWORK") var network: String
        @Argument(help: "CONTAINER") var container: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let attachment = NetworkAttachment(
                target: self.network, aliases: try FlagValue.stringSlice(self.alias, for: "--alias"),
                links: try FlagValue.parseAll(self.link, for: "--link", ContainerFlagParsers.link),
                driverOptions: try Self.driverOptions(try FlagValue.stringSlice(self.driverOpt, for: "--driver-opt")),
                ipv4Address: self.ip, ipv6Address: self.ip6,
                linkLocalIPs: try FlagValue.stringSlice(self.linkLocalIp, for: "--link-local-ip"),
                gwPriority: try self.gwPriority?.value(for: "--gw-priority") ?? 0)
            var endpoint = attachment.endpointSettings
            // docker's connect sends these empty rather than not at all, and the daemon keeps
            // them so: inspect shows `{}` and `[]`, not null.
            endpoint.ipamConfig = endpoint.ipamConfig ?? EndpointIPAMConfig()
            endpoint.aliases = endpoint.aliases ?? []
            endpoint.driverOpts = endpoint.driverOpts ?? [:]
            try await withClient(self.global) { client in
                try await client.networks.connect(self.network, NetworkConnectRequest(container: self.container, endpointConfig: endpoint))
            }
        }

        /// `--driver-opt` values as docker reads them: `key=value`, both trimmed of white space;
        /// one without `=` or a key is refused in docker's words, before any request.
        static func driverOptions(_ entries: [String]) throws -> [String: String] {
            var options: [String: String] = [:]
            for entry in entries {
                guard let (key, value) = entry.cut(atFirst: "="), !key.trimmingWhitespace().isEmpty else {
                    throw CommandFailure(description: "invalid key/value pair format in driver options")
                }
                options[key.trimmingWhitespace()] = value.trimmingWhitespace()
            }
            return options
        }
    }
}
