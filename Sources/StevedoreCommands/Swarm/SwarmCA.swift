import ArgumentParser
import Stevedore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StevedoreCommand.Swarm {
    /// `stevedore swarm ca`: prints the swarm's root CA certificate. With `--rotate` it rotates
    /// the root (to `--ca-cert`/`--ca-key`, or to a new one the swarm generates), waits until
    /// every node has moved to it while drawing docker's progress, and prints the new root;
    /// `-d` returns once the swarm took the rotation, `-q` waits without printing.
    struct CA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ca", abstract: "Display and rotate the root CA")

        @Option(
            name: .customLong("ca-cert"), parsing: .unconditional,
            help: "Path to the PEM-formatted root CA certificate to use for the new cluster")
        var caCert: String?
        @Option(
            name: .customLong("ca-key"), parsing: .unconditional, help: "Path to the PEM-formatted root CA key to use for the new cluster")
        var caKey: String?
        @Option(name: .long, parsing: .unconditional, help: "Validity period for node certificates (ns|us|ms|s|m|h) (default 2160h0m0s)")
        var certExpiry: String?
        @Option(
            name: .customLong("external-ca"), parsing: .unconditionalSingleValue,
            help: "Specifications of one or more certificate signing endpoints")
        var externalCA: [String] = []
        @Flag(name: [.customShort("d"), .long], help: "Exit immediately instead of waiting for the root rotation to converge")
        var detach = false
        @Flag(name: [.customShort("q"), .long], help: "Suppress progress output") var quiet = false
        @Flag(name: .long, help: "Rotate the swarm CA - if no certificate or key are provided, new ones will be generated")
        var rotate = false
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            // Flag values are read first, as docker's flag parsing reads them.
            let certificate = try self.caCert.map { try Self.pemFile($0, for: "--ca-cert") }
            let key = try self.caKey.map { try Self.pemFile($0, for: "--ca-key") }
            let settings = SwarmSettings(
                certExpiry: try self.certExpiry.map { try FlagValue.parse($0, for: "--cert-expiry", FlagValue.duration) },
                externalCAs: try FlagValue.parseAll(self.externalCA, for: "--external-ca", StevedoreCommand.Swarm.externalCA).nilIfEmpty)
            try await withClient(self.global) { client in
                let swarm = try await client.swarm.inspect()
                guard self.rotate else {
                    let given = [("ca-cert", self.caCert != nil), ("ca-key", self.caKey != nil), ("cert-expiry", self.certExpiry != nil)]
                    if let (flag, _) = (given + [("external-ca", !self.externalCA.isEmpty)]).first(where: \.1) {
                        throw CommandFailure(description: "`--\(flag)` flag requires the `--rotate` flag to update the CA")
                    }
                    try Self.printTrustRoot(of: swarm)
                    return
                }
                if !self.externalCA.isEmpty && certificate == nil {
                    throw CommandFailure(
                        description: "rotating to an external CA requires the `--ca-cert` flag to specify the external CA's cert - "
                            + "to add an external CA with the current root CA certificate, use the `update` command instead")
                }
                if certificate != nil && self.externalCA.isEmpty && key == nil {
                    throw CommandFailure(
                        description: "the --ca-cert flag requires that a --ca-key flag and/or --external-ca flag be provided as well")
                }
                try await client.swarm.rotateRootCA(certificate: certificate, key: key) { spec in
                    // External CAs without a certificate of their own sign with the new root.
                    settings.apply(to: &spec, defaultCACertificate: certificate)
                }
                guard !self.detach else { return }
                try await self.showRotation(client)
            }
        }

        /// Waits for the rotation to converge, drawing docker's progress unless `-q`, then prints
        /// the root (unless `-q`). Ctrl-C stops the wait, not the rotation: as docker, the
        /// command then says so and prints the root the swarm rotates to.
        private func showRotation(_ client: DockerClient) async throws {
            let (reports, events) = AsyncThrowingStream<SwarmRootRotation, any Error>.makeStream()
            let waiting = Task {
                do {
                    try await client.swarm.waitUntilRootRotationConverged { events.yield($0) }
                    events.finish()
                } catch {
                    events.finish(throwing: error)
                }
            }
            defer { waiting.cancel() }
            var display = RootRotationDisplay(output: .standardOutput())
            if !self.quiet { printOut(display.start()) }
            do {
                try await CaughtSignals.catching([SIGINT], onSignal: { _ in events.finish(throwing: RotationInterrupted()) }) {
                    for try await rotation in reports where !self.quiet { printOut(display.render(rotation)) }
                }
            } catch is RotationInterrupted {
                if !self.quiet { printOut(display.interruptionNotice()) }
            }
            guard !self.quiet else { return }
            try Self.printTrustRoot(of: try await client.swarm.inspect())
        }

        private static func printTrustRoot(of swarm: StevedoreModels.Swarm) throws {
            let root = (swarm.tlsInfo?.trustRoot ?? "").trimmingWhitespace()
            guard !root.isEmpty else { throw CommandFailure(description: "No CA information available") }
            printOut(root + "\n")
        }

        /// The text of a PEM file flag (docker's `PEMFile`), refused as docker refuses it.
        private static func pemFile(_ path: String, for flag: String) throws -> String {
            try FlagValue.parse(path, for: flag) { path in
                guard let text = try StevedoreCommand.Swarm.readPEM(atPath: path) else {
                    throw InvalidFlagValue(reason: "file contents must be in PEM format")
                }
                return text
            }
        }
    }
}

/// Ctrl-C while waiting for a root rotation.
private struct RotationInterrupted: Error {}
