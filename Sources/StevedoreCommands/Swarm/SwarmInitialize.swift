import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm init`: makes this daemon the first manager of a new swarm, then prints
    /// how to add workers and managers (and, with `--autolock`, the unlock key), as docker.
    struct Initialize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Initialize a swarm")

        @OptionGroup var addresses: SwarmAddressOptions

        @Option(
            name: .long,
            parsing: .unconditional,
            help: """
                Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port \
                (4789) is used.
                """
        )
        var dataPathPort: GoInteger<UInt32>?

        @Flag(name: .long, help: "Force create a new cluster from current state")
        var forceNewCluster = false

        @Flag(name: .long, help: "Enable manager autolocking (requiring an unlock key to start a stopped manager)")
        var autolock = false

        @Option(
            name: .long, parsing: .unconditional, help: "Availability of the node (\"active\", \"pause\", \"drain\") (default \"active\")")
        var availability: String?

        @Option(name: .long, parsing: .unconditionalSingleValue, help: "default address pool in CIDR format")
        var defaultAddrPool: [String] = []

        @Option(name: .long, parsing: .unconditional, help: "default address pool subnet mask length")
        var defaultAddrPoolMaskLength = GoInteger<UInt32>(24)

        @OptionGroup var options: SpecOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let dataPathPort = try self.dataPathPort?.value(for: "--data-path-port")
            let maskLength = try self.defaultAddrPoolMaskLength.value(for: "--default-addr-pool-mask-length")
            let availability = try self.availability.map(StevedoreCommand.Swarm.availability)
            var spec = SwarmSpec()
            try self.options.settings(autolock: self.autolock ? true : nil).apply(to: &spec)
            let pools = try self.defaultAddrPool.flatMap {
                try FlagValue.parse($0, for: "--default-addr-pool", StevedoreCommand.Swarm.addressPools)
            }
            let request = SwarmInitRequest(
                listenAddr: try self.addresses.listenAddress(), advertiseAddr: self.addresses.advertiseAddr,
                dataPathAddr: self.addresses.dataPathAddr,
                // Sent empty as docker sends it: the daemon then takes the mask length alone.
                dataPathPort: dataPathPort, defaultAddrPool: pools, forceNewCluster: self.forceNewCluster,
                subnetSize: maskLength, spec: spec, autoLockManagers: self.autolock,
                availability: availability.map { SwarmInitRequest.Availability(rawValue: $0.rawValue) })
            try await withClient(self.global) { client in
                let nodeID: String
                do {
                    nodeID = try await client.swarm.initialize(request)
                } catch let error as DockerError
                    where error.message.contains("could not choose an IP address to advertise")
                    || error.message.contains("could not find the system's IP address")
                {
                    throw CommandFailure(description: "\(error) - specify one with --advertise-addr")
                }
                printOut("Swarm initialized: current node (\(nodeID)) is now a manager.\n\n")
                let instructions = try await StevedoreCommand.Swarm.joinInstructions(
                    nodeID: nodeID, worker: true, manager: false, client: client)
                printOut(instructions)
                printOut("To add a manager to this swarm, run 'docker swarm join-token manager' and follow the instructions.\n")
                if self.autolock {
                    let key = try await StevedoreCommand.Swarm.fetchUnlockKey(client: client)
                    printOut(StevedoreCommand.Swarm.unlockInstructions(key ?? ""))
                }
            }
        }
    }

    /// The port docker's swarm addresses default to.
    static let defaultPort = "2377"

    /// docker's `--listen-addr` (and `swarm join`'s): `<ip|interface>[:port]`, optionally
    /// after `tcp://`, whatever is left out taken from `0.0.0.0:2377` (`eth0` is `eth0:2377`,
    /// `:4000` is `0.0.0.0:4000`).
    static func nodeAddress(_ text: String) throws -> String {
        guard !text.isEmpty, text != "tcp://" else { return "0.0.0.0:" + Self.defaultPort }
        var address = String(text.cut(prefix: "tcp://") ?? text[...])
        guard !address.contains("://"), !address.isEmpty else { throw InvalidFlagValue(reason: "invalid proto, expected tcp: \(text)") }
        if address.hasByteSuffix("]:") { address += Self.defaultPort }
        // As a URL: the host and port end where a path starts, and the path is kept.
        let pathStart = address.unicodeScalars.firstIndex(of: "/") ?? address.endIndex
        let hostPort = String(address[..<pathStart])
        guard let parts = Self.splitHostPort(hostPort) ?? Self.splitHostPort(joinHostPort(hostPort, Self.defaultPort)),
            parts.port.isEmpty || Int(parts.port) != nil
        else { throw InvalidFlagValue(reason: "invalid bind address format: \(text)") }
        let host = parts.host.isEmpty ? "0.0.0.0" : parts.host
        let port = parts.port.isEmpty ? Self.defaultPort : parts.port
        return joinHostPort(host, port) + String(address[pathStart...])
    }

    /// Go's `net.SplitHostPort`: `host:port`, or `[host]:port` for a host with colons; nil
    /// when there is no port, or colons or brackets where they do not belong.
    private static func splitHostPort(_ text: String) -> (host: String, port: String)? {
        guard let colon = text.unicodeScalars.lastIndex(of: ":") else { return nil }
        let host: Substring
        let rest: Substring
        if text.hasBytePrefix("[") {
            guard let close = text.unicodeScalars.firstIndex(of: "]"), text.unicodeScalars.index(after: close) == colon else { return nil }
            host = text[text.unicodeScalars.index(after: text.startIndex)..<close]
            rest = text[text.unicodeScalars.index(after: close)...]
        } else {
            host = text[..<colon]
            guard !host.contains(scalar: ":") else { return nil }
            rest = text[colon...]
        }
        guard !(host + rest).unicodeScalars.contains(where: { $0 == "[" || $0 == "]" }) else { return nil }
        return (String(host), String(text[text.unicodeScalars.index(after: colon)...]))
    }

    /// docker's `--default-addr-pool` value: comma-separated CIDRs (quotes ignored), each
    /// written as its network, as Go's `net.ParseCIDR` returns it (`10.10.1.5/16` is
    /// `10.10.0.0/16`).
    static func addressPools(_ text: String) throws -> [String] {
        let unquoted = text.filter { $0 != "\"" && $0 != "'" && $0 != "`" }
        guard !unquoted.isEmpty else { return [] }
        return try unquoted.split(scalar: ",", omittingEmptySubsequences: false).map { entry in
            guard let network = Self.network(of: entry.trimmingWhitespace()) else {
                throw InvalidFlagValue(reason: "invalid string being converted to CIDR: \(entry)")
            }
            return network
        }
    }

    /// The network of the CIDR `cidr` (its address with the host bits cleared, then the
    /// prefix length), or nil when `cidr` is no IPv4 or IPv6 CIDR.
    private static func network(of cidr: String) -> String? {
        guard let (addressText, lengthText) = cidr.cut(atFirst: "/") else { return nil }
        let address = String(addressText)
        guard !lengthText.isEmpty, lengthText.allSatisfy({ $0.isASCII && $0.isNumber }), let length = Int(lengthText) else { return nil }
        var family = AF_INET
        var bytes = [UInt8](repeating: 0, count: 16)
        if inet_pton(AF_INET, address, &bytes) == 1 {
            bytes.removeLast(12)
        } else if inet_pton(AF_INET6, address, &bytes) == 1 {
            family = AF_INET6
        } else {
            return nil
        }
        guard length <= bytes.count * 8 else { return nil }
        for index in bytes.indices {
            let kept = min(max(length - index * 8, 0), 8)
            bytes[index] &= ~(UInt8(0xFF) >> kept)
        }
        var text = [CChar](repeating: 0, count: 64)
        guard inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/\(length)"
    }

    /// docker's `--availability` of `init` and `join`: `active`, `pause` or `drain`, in any
    /// case.
    static func availability(_ text: String) throws -> NodeSpec.Availability {
        let availability = NodeSpec.Availability(rawValue: text.lowercased())
        guard availability.isKnown else {
            throw CommandFailure(description: "invalid availability \(GoQuote.quote(text)), only active, pause and drain are supported")
        }
        return availability
    }
}
