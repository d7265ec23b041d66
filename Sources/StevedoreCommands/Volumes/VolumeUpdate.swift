import ArgumentParser
import Stevedore

extension StevedoreCommand.Volume {
    /// `stevedore volume update VOLUME`: a cluster volume's spec sent back with the changes
    /// asked for (only `--availability`, which must be `drain` before the volume can be
    /// removed), based on the version inspected, as docker's `runUpdate` does.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Update a volume (cluster volumes only)")

        @Option(
            name: .long, parsing: .unconditional,
            help: "Cluster Volume availability (\"active\", \"pause\", \"drain\") (default \"active\")")
        var availability: String?

        @Argument(help: "VOLUME") var volume: String
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                // The command itself needs API 1.42, as docker's annotation says, flag or not.
                let current = try await client.apiVersion()
                guard current >= APIVersion(1, 42) else {
                    throw CommandFailure(
                        description: "stevedore volume update requires API version 1.42, but the Docker daemon API version is \(current)")
                }
                let found = try await client.volumes.inspect(self.volume)
                guard let cluster = found.clusterVolume, let id = cluster.id else {
                    throw CommandFailure(description: "can only update cluster volumes")
                }
                var spec = cluster.spec ?? ClusterVolumeSpec()
                if let availability = self.availability { spec.availability = .init(rawValue: availability) }
                let version = Int64(clamping: cluster.version?.index ?? 0)
                try await client.volumes.update(id, VolumeUpdateBody(spec: spec), version: version)
            }
        }
    }
}
