import ArgumentParser
import Stevedore
import StevedoreText

extension StevedoreCommand.Container {
    /// `stevedore container port`: list port mappings or a specific mapping for the container.
    struct Port: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "port", abstract: "List port mappings or a specific mapping for the container")
        @Argument(help: "Container") var container: String
        @Argument(help: "PRIVATE_PORT[/PROTO]") var privatePort: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var port: String?
            if let privatePort {
                // docker's: a bare number is tcp; the number must fit 16 bits.
                let parts = privatePort.split(scalar: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard UInt16(parts[0]) != nil else {
                    // strconv.ParseUint's two reasons: digits beyond 16 bits, or not a number.
                    let isNumber = !parts[0].isEmpty && parts[0].allSatisfy { $0.isASCII && $0.isNumber }
                    throw CommandFailure(
                        description: "Error: invalid port (\(parts[0])): strconv.ParseUint: parsing \"\(parts[0])\": "
                            + (isNumber ? "value out of range" : "invalid syntax"))
                }
                port = parts[0] + "/" + (parts.count > 1 && !parts[1].isEmpty ? parts[1] : "tcp")
            }
            try await withClient(self.global) { client in
                let ports = try await client.containers.inspect(self.container).networkSettings?.ports ?? [:]
                var lines: [String]
                if let port {
                    let bindings = ports[port].flatMap { $0 } ?? []
                    guard !bindings.isEmpty else {
                        throw CommandFailure(description: "Error: No public port '\(privatePort ?? port)' published for \(self.container)")
                    }
                    lines = bindings.map(Self.hostAddress)
                } else {
                    lines = ports.flatMap { port, bindings in (bindings ?? []).map { "\(port) -> \(Self.hostAddress($0))" } }
                }
                lines.sort(by: naturalLess)
                if !lines.isEmpty { printOut(lines.joined(separator: "\n") + "\n") }
            }
        }

        /// `host:port` of a binding, as docker prints it.
        static func hostAddress(_ binding: PortBinding) -> String {
            joinHostPort(binding.hostIp ?? "", binding.hostPort ?? "")
        }
    }
}
