import StevedoreText

/// Port specs as docker's CLI reads them with go-connections' `nat` package, for `run`'s and
/// `create`'s `--publish` and `--expose` and the services' short `--publish`:
/// `[ip:][hostPort:]containerPort[/proto]`, where either port may be a `START-END` range and an
/// IPv6 address is written in brackets (`[::1]:8080:80`). A refused spec throws
/// ``InvalidFlagValue`` with nat's words.
enum PortSpec {
    /// One container port and its binding on the host.
    struct Mapping: Equatable {
        /// The container port as the API keys it: `80/tcp`.
        var port: String { "\(self.containerPort)/\(self.proto)" }
        var containerPort: UInt64
        /// `tcp`, `udp` or `sctp`.
        var proto: String
        /// The host address, without brackets; empty for every address.
        var hostIP: String
        /// The host ports: one, or a range when a single container port is published on one,
        /// for the daemon to pick from; nil for any port.
        var hostPorts: ClosedRange<UInt64>?

        /// The host port as the API takes it: `8080`, `8000-8010`, or empty for any port.
        var hostPort: String {
            guard let ports = self.hostPorts else { return "" }
            return ports.count == 1 ? "\(ports.lowerBound)" : "\(ports.lowerBound)-\(ports.upperBound)"
        }
    }

    /// nat's `ParsePortSpec`: the mappings `raw` stands for, one per container port, a
    /// container range mapped port by port onto a host range of the same length.
    static func mappings(_ raw: String) throws -> [Mapping] {
        let parts = raw.split(scalar: ":", omittingEmptySubsequences: false).map(String.init)
        let hostPort = parts.count >= 2 ? parts[parts.count - 2] : ""
        var hostIP = parts.count >= 3 ? parts[..<(parts.count - 2)].joined(separator: ":") : ""
        let (rawProto, containerPort) = Self.splitProtoPort(parts[parts.count - 1])
        let proto = rawProto.lowercased()
        guard ["tcp", "udp", "sctp"].contains(proto) else { throw InvalidFlagValue(reason: "invalid proto: \(proto)") }
        if hostIP.hasBytePrefix("[") { hostIP = try Self.bracketedAddress(hostIP) }
        if !hostIP.isEmpty && OptsFlagParsers.normalizedIPAddress(hostIP) == nil {
            throw InvalidFlagValue(reason: "invalid IP address: \(hostIP)")
        }
        guard !containerPort.isEmpty else { throw InvalidFlagValue(reason: "no port specified: \(raw)<empty>") }
        guard let containerPorts = try? Self.range(containerPort) else {
            throw InvalidFlagValue(reason: "invalid containerPort: \(containerPort)")
        }
        var hostPorts: ClosedRange<UInt64>?
        if !hostPort.isEmpty {
            guard let ports = try? Self.range(hostPort) else { throw InvalidFlagValue(reason: "invalid hostPort: \(hostPort)") }
            // A host range longer than one container port is the range the daemon picks from.
            if ports.count != containerPorts.count && containerPorts.count != 1 {
                throw InvalidFlagValue(reason: "invalid ranges specified for container and host Ports: \(containerPort) and \(hostPort)")
            }
            hostPorts = ports
        }
        return containerPorts.enumerated().map { offset, port in
            // Port by port onto a host range of the same length; a lone port keeps the range.
            let host = hostPorts.map { ports in
                containerPorts.count == 1 ? ports : (ports.lowerBound + UInt64(offset))...(ports.lowerBound + UInt64(offset))
            }
            return Mapping(containerPort: port, proto: proto, hostIP: hostIP, hostPorts: host)
        }
    }

    /// nat's `ParsePortRange`: `PORT` or `START-END` (parts after a second `-` are ignored, as
    /// there), each a 16-bit decimal number.
    static func range(_ text: String) throws -> ClosedRange<UInt64> {
        guard !text.isEmpty else { throw InvalidFlagValue(reason: "empty string specified for ports") }
        guard let (first, rest) = text.cut(atFirst: "-") else {
            let port = try GoNumber.unsigned(text, base: 10, bits: 16)
            return port...port
        }
        let start = try GoNumber.unsigned(String(first), base: 10, bits: 16)
        let end = try GoNumber.unsigned(String(rest.cut(atFirst: "-")?.before ?? rest), base: 10, bits: 16)
        guard end >= start else { throw InvalidFlagValue(reason: "invalid range specified for port: \(text)") }
        return start...end
    }

    /// nat's `SplitProtoPort`: `80/udp` is (`udp`, `80`), `80` is (`tcp`, `80`); an empty port
    /// gives two empty strings. The protocol is as written.
    static func splitProtoPort(_ raw: String) -> (proto: String, port: String) {
        let (port, proto) = raw.cut(atFirst: "/").map { (String($0.before), String($0.after)) } ?? (raw, "")
        guard !port.isEmpty else { return ("", "") }
        return (proto.isEmpty ? "tcp" : proto, port)
    }

    /// docker's `convertToStandardNotation` for `run` and `create`: a `--publish` value with an
    /// `=` is the long syntax, comma-separated `published=`, `target=` and `protocol=` (`tcp`
    /// by default; other keys are ignored), written back as `published:target/protocol`.
    static func standardNotation(_ value: String) throws -> String {
        guard value.contains(scalar: "=") else { return value }
        var parameters = ["protocol": "tcp"]
        for parameter in value.split(scalar: ",", omittingEmptySubsequences: false) {
            guard let (key, parameterValue) = parameter.cut(atFirst: "="), !key.isEmpty else {
                throw InvalidFlagValue(reason: "invalid publish opts format (should be name=value but got '\(parameter)')")
            }
            parameters[String(key)] = String(parameterValue)
        }
        return "\(parameters["published"] ?? ""):\(parameters["target"] ?? "")/\(parameters["protocol"] ?? "")"
    }

    /// The address in `[address]`, as Go's `net.SplitHostPort` finds it in `text` followed by
    /// `:`, with its refusals.
    private static func bracketedAddress(_ text: String) throws -> String {
        let hostPort = Array((text + ":").utf8)
        func refused(_ reason: String) -> InvalidFlagValue {
            InvalidFlagValue(reason: "invalid IP address \(text): address \(text):: \(reason)")
        }
        guard let end = hostPort.firstIndex(of: UInt8(ascii: "]")) else { throw refused("missing ']' in address") }
        // The last byte is the added colon: the bracket must come just before it.
        if end + 1 != hostPort.count - 1 {
            throw refused(hostPort[end + 1] == UInt8(ascii: ":") ? "too many colons in address" : "missing port in address")
        }
        if hostPort[1...].contains(UInt8(ascii: "[")) { throw refused("unexpected '[' in address") }
        if hostPort[(end + 1)...].contains(UInt8(ascii: "]")) { throw refused("unexpected ']' in address") }
        return String(decoding: hostPort[1..<end], as: UTF8.self)
    }
}
