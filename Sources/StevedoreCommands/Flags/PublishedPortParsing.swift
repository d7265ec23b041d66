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
        for field in try GoCSV.record(text) {
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

    /// go-connections' `ParsePortSpec` (``PortSpec``), then docker's swarm port configurations
    /// of each mapping: one per port of a published range (a lone target port is published on
    /// each), none published when no host port is given.
    private static func shortSyntax(_ text: String) throws -> [EndpointPortConfig] {
        let mappings = try PortSpec.mappings(text)
        guard mappings.allSatisfy({ $0.hostIP.isEmpty }) else { throw InvalidFlagValue(reason: "hostip is not supported") }
        return mappings.flatMap { mapping in
            (mapping.hostPorts ?? 0...0).map { port in
                EndpointPortConfig(
                    protocol: .init(rawValue: mapping.proto), targetPort: Int(mapping.containerPort),
                    publishedPort: port == 0 ? nil : Int(port), publishMode: .ingress)
            }
        }
    }
}
