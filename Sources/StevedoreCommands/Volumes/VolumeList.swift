import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Volume {
    /// `stevedore volume ls` (also `list`): volumes sorted by name, as docker.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List volumes", aliases: ["list"])

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditionalSingleValue, help: "Provide filter values (e.g. \"dangling=true\")")
        var filter: [String] = []

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @Flag(name: [.customShort("q"), .long], help: "Only display volume names")
        var quiet = false

        @Flag(name: .long, help: "Display only cluster volumes, and use cluster volume list formatting")
        var cluster = false

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try parseFilters(self.filter, as: VolumeListFilters.self)
            try await withClient(self.global) { client in
                if self.cluster { try await requireAPIVersions(of: [(name: "cluster", minimumAPI: APIVersion(1, 42))], client: client) }
                let response = try await client.volumes.list(.init(filters: filters))
                // --cluster keeps the swarm's cluster volumes (docker filters them here, not the daemon).
                let volumes = (response.volumes ?? []).filter { !self.cluster || $0.clusterVolume != nil }
                let rows = volumes.sorted { naturalLess($0.name, $1.name) }.map {
                    LabelledRow(row: VolumeRow($0), labels: $0.labels ?? [:])
                }
                // -q replaces only the default layout, as docker's: a given template still applies.
                // Without either, config.json's volumesFormat is the format. --cluster's layout
                // replaces any format unless -q is given, as docker's does.
                let defaultFormat = self.quiet ? "{{.Name}}" : VolumeRow.tableFormat
                let format =
                    self.cluster
                    ? (self.quiet ? "table" : VolumeRow.clusterTableFormat)
                    : self.global.listFormat(self.format, quiet: self.quiet, configured: \.volumesFormat)
                let rawFormat = self.quiet ? "name: {{.Name}}" : VolumeRow.rawFormat
                printOut(
                    try CommandOutput.render(
                        rows, format: format, defaultFormat: defaultFormat, rawFormat: rawFormat, titles: VolumeRow.titles))
            }
        }
    }
}

/// One line of `volume ls`: the fields of docker's volume formatting context, as strings.
struct VolumeRow: FormatterContext {
    static let formatterContextType = "*formatter.volumeContext"
    var Availability: String
    var Driver: String
    var Group: String
    var Labels: String
    var Links: String
    var Mountpoint: String
    var Name: String
    var Scope: String
    var Size: String
    var Status: String

    static let tableFormat = "table {{.Driver}}\t{{.Name}}"
    /// `--cluster`'s layout.
    static let clusterTableFormat = "table {{.Name}}\t{{.Group}}\t{{.Driver}}\t{{.Availability}}\t{{.Status}}"
    /// docker's `--format raw`: a block of `key: value` lines per volume.
    static let rawFormat = "name: {{.Name}}\\ndriver: {{.Driver}}\\n"
    static let titles = [
        "Name": "VOLUME NAME", "Driver": "DRIVER", "Scope": "SCOPE", "Mountpoint": "MOUNTPOINT", "Labels": "LABELS", "Links": "LINKS",
        "Size": "SIZE", "Group": "GROUP", "Availability": "AVAILABILITY", "Status": "STATUS",
    ]

    init(_ volume: Volume) {
        self.Name = volume.name
        self.Driver = volume.driver
        self.Scope = volume.scope.rawValue
        self.Mountpoint = volume.mountpoint
        self.Labels = joinedLabels(volume.labels)
        // Usage data comes only from `system df`; cluster fields only from swarm managers.
        self.Links = volume.usageData.map { String($0.refCount) } ?? "N/A"
        self.Size = volume.usageData.map { HumanSize.decimal($0.size, precision: 4) } ?? "N/A"
        let cluster = volume.clusterVolume
        self.Group = cluster.map { $0.spec?.group ?? "" } ?? "N/A"
        self.Availability = cluster.map { $0.spec?.availability?.rawValue ?? "" } ?? "N/A"
        self.Status = cluster.map(Self.clusterStatus) ?? "N/A"
    }

    /// docker's status of a cluster volume: not yet created by its driver, created, or in use
    /// on so many nodes.
    static func clusterStatus(_ volume: ClusterVolume) -> String {
        guard let id = volume.info?.volumeID, !id.isEmpty else { return "pending creation" }
        switch volume.publishStatus?.count ?? 0 {
        case 0: return "created"
        case 1: return "in use (1 node)"
        case let nodes: return "in use (\(nodes) nodes)"
        }
    }
}
