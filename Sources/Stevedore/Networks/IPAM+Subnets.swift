import StevedoreText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension IPAM {
    /// An IPAM configuration from the docker CLI's `--subnet`, `--ip-range`, `--gateway` and
    /// `--aux-address` lists, checked and grouped as the docker CLI does: one `IPAMConfig` per
    /// subnet (in the given order), each range, gateway and auxiliary address put under the
    /// subnet containing it. Throws ``DockerError/Category/invalidInput`` with docker's
    /// message when subnets overlap, a subnet would get two ranges or two gateways, an address
    /// lies in no subnet, a range is no CIDR, or there are more ranges or gateways than
    /// subnets. A malformed subnet is left for the daemon to refuse unless it has to be
    /// compared with something.
    public init(
        driver: String? = nil, subnets: [String], ipRanges: [String] = [], gateways: [String] = [],
        auxiliaryAddresses: [String: String] = [:], options: [String: String]? = nil
    ) throws {
        guard subnets.count >= ipRanges.count, subnets.count >= gateways.count else {
            throw DockerError.invalidInput("every ip-range or gateway must have a corresponding subnet")
        }
        var configs: [IPAMConfig] = []
        for subnet in subnets {
            for existing in configs {
                let existingSubnet = existing.subnet ?? ""
                if try Self.subnet(subnet, contains: existingSubnet) || Self.subnet(existingSubnet, contains: subnet) {
                    throw DockerError.invalidInput("multiple overlapping subnet configuration is not supported")
                }
            }
            configs.append(IPAMConfig(subnet: subnet, auxiliaryAddresses: [:]))
        }
        func assign(
            _ value: String, what: String, _ field: WritableKeyPath<IPAMConfig, String?>, plural: String, preposition: String
        ) throws {
            var matched = false
            for index in configs.indices where try Self.subnet(subnets[index], contains: value) {
                if let taken = configs[index][keyPath: field] {
                    throw DockerError.invalidInput(
                        "cannot configure multiple \(plural) (\(value), \(taken)) \(preposition) (\(subnets[index]))")
                }
                configs[index][keyPath: field] = value
                matched = true
            }
            if !matched { throw DockerError.invalidInput("no matching subnet for \(what) \(value)") }
        }
        for range in ipRanges {
            // A range is a CIDR, as docker checks it; an address alone would be sent.
            guard Self.parseCIDR(range) != nil else { throw DockerError.invalidInput("invalid CIDR address: \(range)") }
            try assign(range, what: "range", \.ipRange, plural: "ranges", preposition: "on the same subnet")
        }
        for gateway in gateways { try assign(gateway, what: "gateway", \.gateway, plural: "gateways", preposition: "for the same subnet") }
        for (key, address) in auxiliaryAddresses.sorted(by: { $0.key < $1.key }) {
            var matched = false
            for index in configs.indices where try Self.subnet(subnets[index], contains: address) {
                configs[index].auxiliaryAddresses?[key] = address
                matched = true
            }
            if !matched { throw DockerError.invalidInput("no matching subnet for aux-address \(address)") }
        }
        self.init(driver: driver, config: configs, options: options)
    }

    /// Whether the CIDR `subnet` contains `address` (an IP, or the address part of a CIDR), as
    /// Go's `net.IPNet.Contains`; a malformed subnet or CIDR throws docker's message.
    private static func subnet(_ subnet: String, contains address: String) throws -> Bool {
        guard let (network, prefix) = Self.parseCIDR(subnet) else {
            throw DockerError.invalidInput("invalid subnet: invalid CIDR address: \(subnet)")
        }
        let ip: [UInt8]
        if address.contains(scalar: "/") {
            guard let (parsed, _) = Self.parseCIDR(address) else { throw DockerError.invalidInput("invalid CIDR address: \(address)") }
            ip = parsed
        } else {
            guard let parsed = Self.parseIP(address) else { return false }
            ip = parsed
        }
        guard ip.count == network.count else { return false }
        for bit in 0..<prefix where (ip[bit / 8] ^ network[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
            return false
        }
        return true
    }

    /// The address bytes and prefix length of `a.b.c.d/n` or `x:y::z/n`.
    private static func parseCIDR(_ text: String) -> ([UInt8], Int)? {
        guard let (address, prefixText) = text.cut(atLast: "/"), let ip = Self.parseIP(String(address)),
            let prefix = Int(prefixText), prefix >= 0, prefix <= ip.count * 8
        else { return nil }
        return (ip, prefix)
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address, or nil.
    private static func parseIP(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
