import ArgumentParser
import Stevedore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Volume {
    /// `stevedore volume create [VOLUME]`: prints the volume's name.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a volume")

        @Option(name: [.customShort("d"), .long], parsing: .unconditional, help: "Specify volume driver name") var driver = "local"
        @Option(name: .long, parsing: .unconditionalSingleValue, help: "Set metadata for a volume") var label: [String] = []
        @Option(name: [.customShort("o"), .long], parsing: .unconditionalSingleValue, help: "Set driver specific options") var opt:
            [String] = []
        @Option(name: .long, parsing: .unconditional, help: .hidden) var name: String?
        @OptionGroup var cluster: ClusterVolumeOptions
        @Argument(help: "VOLUME") var volume: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            // None are sent when empty, as docker leaves them out (the volume's are then null, not {}).
            let labels = keyValueMap(try FlagValue.parseAll(self.label, for: "--label", OptsFlagParsers.label))
            // docker refuses any non-empty --name beside a positional name, the same one included.
            if let name = self.name, !name.isEmpty, self.volume != nil {
                throw CommandFailure(
                    description: "conflicting options: cannot specify a volume-name through both --name and as a positional arg")
            }
            let body = VolumeCreateRequest(
                name: self.volume ?? self.name.flatMap { $0.isEmpty ? nil : $0 }, driver: self.driver,
                driverOpts: keyValueMap(self.opt), labels: labels, clusterVolumeSpec: try self.cluster.spec)
            try await withClient(self.global) { client in
                try await requireAPIVersions(of: self.cluster.givenFlags, client: client)
                printOut(try await client.volumes.create(body).name + "\n")
            }
        }
    }
}
