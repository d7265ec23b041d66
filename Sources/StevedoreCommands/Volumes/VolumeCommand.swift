import ArgumentParser
import Foundation
import Stevedore

extension StevedoreCommand {
    /// `stevedore volume …`: docker's volume commands.
    struct Volume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage volumes",
            subcommands: [Create.self, Inspect.self, List.self, Prune.self, Remove.self]
        )
    }
}

extension StevedoreCommand.Volume {
    /// `stevedore volume create [VOLUME]`: prints the volume's name.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a volume")

        @Option(name: [.customShort("d"), .long], help: "Specify volume driver name") var driver = "local"
        @Option(name: .long, help: "Set metadata for a volume") var label: [String] = []
        @Option(name: [.customShort("o"), .long], help: "Set driver specific options") var opt: [String] = []
        @Option(name: .long, help: .hidden) var name: String?
        @Argument(help: "VOLUME") var volume: String?
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            if let name = self.name, let volume = self.volume, name != volume {
                throw CommandFailure(description: "conflicting options: cannot specify a volume-name through both --name and as a positional arg")
            }
            let body = VolumeCreateRequest(
                name: self.volume ?? self.name, driver: self.driver, driverOpts: keyValueMap(self.opt) ?? [:], labels: keyValueMap(self.label) ?? [:])
            try await withClient(self.global) { client in
                printOut(try await client.volumes.create(body).name + "\n")
            }
        }
    }

    /// `stevedore volume inspect`: the volumes as a JSON array, or each through `--format`.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Display detailed information on one or more volumes")

        @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Argument(help: "VOLUME") var volumes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await inspectEach(self.volumes, format: self.format) { try await client.volumes.inspect($0) }
            }
        }
    }

    /// `stevedore volume rm` (also `remove`): each volume's name once removed, failures on stderr.
    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Remove one or more volumes. You cannot remove a volume that is in use by a container.", aliases: ["remove"])

        @Flag(name: [.customShort("f"), .long], help: "Force the removal of one or more volumes") var force = false

        @Argument(help: "VOLUME") var volumes: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                try await forEachName(self.volumes) { try await client.volumes.remove($0, options: .init(force: self.force)) }
            }
        }
    }

    /// `stevedore volume prune`: asks first unless `-f`, then lists the removed volumes and
    /// the space reclaimed.
    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "prune", abstract: "Remove unused local volumes")

        @Flag(name: [.customShort("a"), .long], help: "Remove all unused volumes, not just anonymous ones (API ≥ 1.42)") var all = false
        @OptionGroup var prune: PruneOptions
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            var filters = try parseFilters(self.prune.filter, as: VolumePruneFilters.self, flag: "--filter")
            try await withClient(self.global) { client in
                let version = try await client.apiVersion()
                if self.all {
                    guard version >= APIVersion(1, 42) else {
                        throw CommandFailure(description: "\"--all\" requires API version 1.42, but the Docker daemon API version is \(version)")
                    }
                    filters.all = true
                }
                // Before API 1.42 the daemon prunes named volumes too; from 1.42 only anonymous ones unless all.
                let which = version < APIVersion(1, 42) || filters.all ? "all local volumes" : "anonymous local volumes"
                guard self.prune.force || confirm("WARNING! This will remove \(which) not used by at least one container.") else { return }
                let result = try await client.volumes.prune(filters)
                printOut(pruneReport("Volumes", deleted: result.volumesDeleted, spaceReclaimed: result.spaceReclaimed ?? 0))
            }
        }
    }
}
