import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One network a container or service joins, as docker's `NetworkOpt` reads a `--network`
/// value, and the endpoint settings it asks for. `run`/`create` fill it from the long syntax
/// and from their single-network flags (`--network-alias`, `--ip`, …); services take its
/// target, aliases and driver options; `network connect` its endpoint.
struct NetworkAttachment: Equatable {
    /// The network's name or id, or a mode (`host`, `none`, `container:NAME`, …).
    var target: String
    var aliases: [String] = []
    /// Sent only to the network the first `--network` names, where docker sends them: for a
    /// user-defined network `--link` is an alias on its endpoint.
    var links: [String] = []
    var driverOptions: [String: String] = [:]
    /// `nil` when not given; `--network`'s long syntax and `run`'s flags also read an empty
    /// value as not given, as docker does (`network connect` sends one as it is).
    var ipv4Address: String?
    var ipv6Address: String?
    var linkLocalIPs: [String] = []
    var macAddress: String?
    /// The endpoint with the highest priority provides the default gateway; 0 is not sent.
    var gwPriority = 0

    init(
        target: String, aliases: [String] = [], links: [String] = [], driverOptions: [String: String] = [:], ipv4Address: String? = nil,
        ipv6Address: String? = nil, linkLocalIPs: [String] = [], gwPriority: Int = 0
    ) {
        self.target = target
        self.aliases = aliases
        self.links = links
        self.driverOptions = driverOptions
        self.ipv4Address = ipv4Address
        self.ipv6Address = ipv6Address
        self.linkLocalIPs = linkLocalIPs
        self.gwPriority = gwPriority
    }

    /// A network name or id, or (when the value holds any `word=word`) a CSV record of
    /// `name=…` (required), `alias=…` and `link-local-ip=…` (repeatable), `driver-opt=key=value`
    /// (repeatable), `ip`, `ip6`, `mac-address` and `gw-priority`. Keys and values are lowered
    /// and trimmed, as docker reads them.
    init(parsing text: String) throws {
        guard text.contains(/[0-9A-Za-z_]=[0-9A-Za-z_]/) else {
            self.init(target: text)
            return
        }
        self.init(target: "")
        for field in try GoCSV.record(text) {
            guard let (rawKey, rawValue) = field.lowercased().cut(atFirst: "="), !rawKey.isEmpty else {
                throw InvalidFlagValue(reason: "invalid field \(field)")
            }
            let value = rawValue.trimmingWhitespace()
            switch rawKey.trimmingWhitespace() {
            case "name": self.target = value
            case "alias": self.aliases.append(value)
            case "ip": self.ipv4Address = value.nilIfEmpty
            case "ip6": self.ipv6Address = value.nilIfEmpty
            case "mac-address": self.macAddress = value.nilIfEmpty
            case "link-local-ip": self.linkLocalIPs.append(value)
            case "driver-opt":
                guard let (option, optionValue) = value.cut(atFirst: "="), !option.isEmpty else {
                    throw InvalidFlagValue(reason: "invalid key value pair format in driver options")
                }
                self.driverOptions[option.trimmingWhitespace()] = optionValue.trimmingWhitespace()
            case "gw-priority":
                do throws(GoNumber.Failure) {
                    self.gwPriority = try GoNumber.atoi(value)
                } catch {
                    throw InvalidFlagValue(reason: "invalid gw-priority (\(value)): \(error.reason)")
                }
            case let key: throw InvalidFlagValue(reason: "invalid field key \(key)")
            }
        }
        guard !self.target.isEmpty else { throw InvalidFlagValue(reason: "network name/id is not specified") }
    }

    /// Whether `target` names a network a user created rather than a mode: anything but
    /// `default`, `bridge`, `host`, `none` and `container:…`. Only such a network takes aliases
    /// and endpoint links.
    var isUserDefined: Bool {
        !["default", "bridge", "host", "none"].contains(self.target) && !self.target.hasBytePrefix("container:")
    }

    /// The endpoint settings as sent, unchecked (`network connect` leaves its checks to the
    /// daemon); `ipamConfig` only when an address is given.
    var endpointSettings: EndpointSettings {
        var endpoint = EndpointSettings()
        if self.ipv4Address != nil || self.ipv6Address != nil || !self.linkLocalIPs.isEmpty {
            endpoint.ipamConfig = EndpointIPAMConfig(
                ipv4Address: self.ipv4Address, ipv6Address: self.ipv6Address, linkLocalIPs: self.linkLocalIPs.nilIfEmpty)
        }
        endpoint.links = self.links.nilIfEmpty
        endpoint.aliases = self.aliases.nilIfEmpty
        endpoint.driverOpts = self.driverOptions.nilIfEmpty
        endpoint.macAddress = self.macAddress
        endpoint.gwPriority = self.gwPriority == 0 ? nil : Int64(self.gwPriority)
        return endpoint
    }

    /// ``endpointSettings`` after docker's checks for a container's create: a name, aliases and
    /// links only on a user-defined network, a MAC address Go's `net.ParseMAC` reads.
    func checkedEndpointSettings() throws -> EndpointSettings {
        guard !self.target.trimmingWhitespace().isEmpty else { throw FlagValue.conflict("no name set for network") }
        if !self.isUserDefined {
            if !self.aliases.isEmpty { throw FlagValue.conflict("network-scoped aliases are only supported for user-defined networks") }
            if !self.links.isEmpty { throw FlagValue.conflict("links are only supported for user-defined networks") }
        }
        if let macAddress = self.macAddress { try ContainerFlagParsers.checkMACAddress(macAddress) }
        return self.endpointSettings
    }

    /// The network-scoped values `run`/`create` give outside `--network` (`--network-alias`,
    /// `--link`, `--ip`, `--ip6`, `--mac-address`, `--link-local-ip`), which apply to the first
    /// network; one given both ways is a conflict, as in docker. `--link` joins the endpoint of
    /// a user-defined network only: on the default bridge it is a legacy link of `HostConfig`.
    mutating func apply(_ options: ContainerConfigOptions) throws {
        func refuse(_ flag: String, _ perNetwork: String) -> CommandFailure {
            FlagValue.conflict("conflicting options: cannot specify both \(flag) and per-network \(perNetwork)")
        }
        if !self.aliases.isEmpty && !options.networkAlias.isEmpty { throw refuse("--network-alias", "alias") }
        if !self.links.isEmpty && !options.link.isEmpty { throw refuse("--link", "links") }
        if self.ipv4Address != nil && !(options.ip ?? "").isEmpty { throw refuse("--ip", "IPv4 address") }
        if self.ipv6Address != nil && !(options.ip6 ?? "").isEmpty { throw refuse("--ip6", "IPv6 address") }
        if self.macAddress != nil && !(options.macAddress ?? "").isEmpty { throw refuse("--mac-address", "MAC address") }
        if !self.linkLocalIPs.isEmpty && !options.linkLocalIp.isEmpty { throw refuse("--link-local-ip", "link-local IP addresses") }
        if !options.networkAlias.isEmpty { self.aliases = options.networkAlias }
        if self.isUserDefined && !options.link.isEmpty { self.links = options.link }
        self.ipv4Address = options.ip?.nilIfEmpty ?? self.ipv4Address
        self.ipv6Address = options.ip6?.nilIfEmpty ?? self.ipv6Address
        self.macAddress = options.macAddress?.nilIfEmpty ?? self.macAddress
        if !options.linkLocalIp.isEmpty { self.linkLocalIPs = options.linkLocalIp }
    }
}
