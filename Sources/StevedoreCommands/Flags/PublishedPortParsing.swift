import Stevedore
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `--publish` (and `--publish-add`/`--publish-rm`) of the service commands, read as docker
/// reads them. The long syntax (any `word=word` in the value) is a CSV record of
/// `target=PORT` (required), `published=PORT`, `protocol=tcp|udp|sctp` (default `tcp`) and
/// `mode=ingress|host` (default `ingress`), case-insensitive. The short syntax is
/// `[published:]target[/protocol]`, where either side may be a range (`8080-8081:80-81`; a
/// published range for one target port publishes it on each); no host address is taken. A
/// refused value throws ``InvalidFlagValue`` with docker's reason.
enum PublishedPortParsing {
    static func parse(_ text: String) throws -> [EndpointPortConfig] {
        if text.contains(/[0-9A-Za-z_]=[0-9A-Za-z_]/) {
            return [try Self.longSyntax(text)]
        }
        return try Self.shortSyntax(text)
    }

    private static func longSyntax(_ text: String) throws -> EndpointPortConfig {
        var port = EndpointPortConfig()
        for field in try MountArgument.csvFields(text) {
            let lowered = field.lowercased()
            guard let (rawKey, rawValue) = lowered.cut(atFirst: "="), !rawKey.isEmpty else {
                throw InvalidFlagValue(reason: "invalid field: \(field)")
            }
            let key = String(rawKey)
            let value = String(rawValue)
            switch key {
            case "protocol":
                guard ["tcp", "udp", "sctp"].contains(value) else { throw InvalidFlagValue(reason: "invalid protocol value '\(value)'") }
                port.protocol = .init(rawValue: value)
            case "mode":
                guard ["ingress", "host"].contains(value) else {
                    throw InvalidFlagValue(reason: "invalid publish mode value (\(value)): must be either 'ingress' or 'host'")
                }
                port.publishMode = .init(rawValue: value)
            case "target":
                port.targetPort = try Self.portNumber(value, describing: "target port")
            case "published":
                port.publishedPort = try Self.portNumber(value, describing: "published port")
            default:
                throw InvalidFlagValue(reason: "invalid field key: \(key)")
            }
        }
        guard (port.targetPort ?? 0) != 0 else { throw InvalidFlagValue(reason: "missing mandatory field 'target'") }
        port.publishedPort = port.publishedPort == 0 ? nil : port.publishedPort
        port.publishMode = port.publishMode ?? .ingress
        port.protocol = port.protocol ?? .tcp
        return port
    }

    private static func portNumber(_ value: String, describing name: String) throws -> Int {
        do {
            return Int(try GoNumber.parseUnsigned(value, base: 10, bits: 16))
        } catch let failure as GoNumber.Failure {
            throw InvalidFlagValue(reason: "invalid \(name) (\(value)): value must be an integer: \(failure.reason)")
        }
    }

    /// go-connections' `ParsePortSpec`, then the swarm's port configurations of each mapping.
    private static func shortSyntax(_ text: String) throws -> [EndpointPortConfig] {
        var parts = text.split(scalar: ":", omittingEmptySubsequences: false).map(String.init)
        let target = parts.removeLast()
        let published = parts.popLast() ?? ""
        var address = parts.joined(separator: ":")
        let cut = target.cut(atFirst: "/")
        let targetPorts = cut.map { String($0.before) } ?? target
        var proto = cut.map { String($0.after) } ?? ""
        if targetPorts.isEmpty {
            proto = ""
        } else if proto.isEmpty {
            proto = "tcp"
        }
        proto = proto.lowercased()
        guard ["tcp", "udp", "sctp"].contains(proto) else { throw InvalidFlagValue(reason: "invalid proto: \(proto)") }
        if let afterBracket = address.cut(prefix: "[") {
            guard let inside = afterBracket.cut(suffix: "]") else {
                throw InvalidFlagValue(reason: "invalid IP address \(address): address \(address):: missing ']' in address")
            }
            address = String(inside)
        }
        if !address.isEmpty && ServiceFlagParsers.normalizedIPAddress(address) == nil {
            throw InvalidFlagValue(reason: "invalid IP address: \(address)")
        }
        guard let targetRange = Self.portRange(targetPorts) else {
            throw InvalidFlagValue(reason: "invalid containerPort: \(targetPorts)")
        }
        let (targetStart, targetEnd) = targetRange
        var publishedRange: (UInt64, UInt64)?
        if !published.isEmpty {
            guard let range = Self.portRange(published) else { throw InvalidFlagValue(reason: "invalid hostPort: \(published)") }
            if targetEnd - targetStart != range.1 &- range.0 && targetEnd != targetStart {
                throw InvalidFlagValue(
                    reason: "invalid ranges specified for container and host Ports: \(targetPorts) and \(published)")
            }
            publishedRange = range
        }
        guard address.isEmpty else { throw InvalidFlagValue(reason: "hostip is not supported") }
        var ports: [EndpointPortConfig] = []
        let count = targetEnd - targetStart + 1
        for offset in 0..<count {
            // One target port with a published range is published on each port of the range.
            let publishedPorts: ClosedRange<UInt64> =
                switch publishedRange {
                case nil: 0...0
                case let (start, end)? where count == 1: start...max(start, end)
                case let (start, _)?: (start + offset)...(start + offset)
                }
            for publishedPort in publishedPorts {
                ports.append(
                    EndpointPortConfig(
                        protocol: .init(rawValue: proto), targetPort: Int(targetStart + offset),
                        publishedPort: publishedPort == 0 ? nil : Int(publishedPort), publishMode: .ingress))
            }
        }
        return ports
    }

    /// go-connections' `ParsePortRange`: `PORT` or `START-END` (only the first two parts of a
    /// longer list count, as there); nil when malformed.
    private static func portRange(_ text: String) -> (UInt64, UInt64)? {
        let parts = text.split(scalar: "-", omittingEmptySubsequences: false).map(String.init)
        guard let start = try? GoNumber.parseUnsigned(parts[0], base: 10, bits: 16) else { return nil }
        guard parts.count > 1 else { return (start, start) }
        guard let end = try? GoNumber.parseUnsigned(parts[1], base: 10, bits: 16), end >= start else { return nil }
        return (start, end)
    }
}
