import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Network {
    /// `stevedore network create`: prints the new network's id.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a network")

        @Flag(name: .long, help: "Enable manual container attachment") var attachable = false
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Auxiliary IPv4 or IPv6 addresses used by Network driver")
        var auxAddress: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "The network from which to copy the configuration") var configFrom: String?
        @Flag(name: .long, help: "Create a configuration only network") var configOnly = false
        @Option(name: [.customShort("d"), .long], parsing: .unconditional, help: "Driver to manage the Network") var driver = "bridge"
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "IPv4 or IPv6 Gateway for the master subnet") var gateway: [String] =
            []
        @Flag(name: .long, help: "Create swarm routing-mesh network") var ingress = false
        @Flag(name: .long, help: "Restrict external access to the network") var `internal` = false
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Allocate container ip from a sub-range") var ipRange: [String] = []
        @Option(name: .long, parsing: .unconditional, help: "IP Address Management Driver") var ipamDriver = "default"
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set IPAM driver specific options") var ipamOpt: [String] = []
        @Flag(name: .long, inversion: .prefixedNo, help: "Enable or disable IPv4 address assignment") var ipv4: Bool?
        @Flag(name: .long, inversion: .prefixedNo, help: "Enable or disable IPv6 address assignment") var ipv6: Bool?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set metadata on a network") var label: [String] = []
        @Option(name: [.customShort("o"), .long], parsing: .unconditionalSingleValue, help: "Set driver specific options") var opt:
            [String] = []
        @Option(name: .long, parsing: .unconditional, help: "Control the network's scope") var scope: String?
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Subnet in CIDR format that represents a network segment")
        var subnet: [String] = []
        @Argument(help: "NETWORK") var name: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let labels = keyValueMap(try FlagValue.parseAll(self.label, for: "--label", OptsFlagParsers.label)) ?? [:]
            let ipam: IPAM
            do {
                ipam = try IPAM(
                    driver: self.ipamDriver, subnets: try FlagValue.stringSlice(self.subnet, for: "--subnet"),
                    ipRanges: try FlagValue.stringSlice(self.ipRange, for: "--ip-range"),
                    gateways: try FlagValue.stringSlice(self.gateway, for: "--gateway"),
                    // docker sends the IPAM options even when empty: the network's are then {}, not null.
                    auxiliaryAddresses: keyValueMap(self.auxAddress) ?? [:], options: keyValueMap(self.ipamOpt) ?? [:])
            } catch let error as DockerError where error.category == .invalidInput {
                throw CommandFailure(description: error.message)
            }
            let body = NetworkCreateRequest(
                name: self.name, driver: self.driver, scope: self.scope, internal: self.internal, attachable: self.attachable,
                ingress: self.ingress, configOnly: self.configOnly, configFrom: self.configFrom.map { ConfigReference(network: $0) },
                ipam: ipam, enableIPv4: self.ipv4, enableIPv6: self.ipv6, options: keyValueMap(self.opt) ?? [:],
                labels: labels)
            try await withClient(self.global) { client in
                let created = try await client.networks.create(body)
                printOut(created.id + "\n")
            }
        }
    }
}
