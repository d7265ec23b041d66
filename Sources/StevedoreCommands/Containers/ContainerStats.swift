import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Container {
    /// `stevedore container stats`: display a live stream of container(s) resource usage statistics.
    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats", abstract: "Display a live stream of container(s) resource usage statistics")

        @Flag(name: [.customShort("a"), .long], help: "Show all containers (default shows just running)")
        var all = false

        @Option(
            name: .long, parsing: .unconditional,
            help: "Format output using a custom template: 'table', 'table TEMPLATE', 'json' or a Go template")
        var format: String?

        @Flag(name: .long, help: "Disable streaming stats and only pull the first result")
        var noStream = false

        @Flag(name: .long, help: "Do not truncate output")
        var noTrunc = false

        @Argument(help: "Containers (default: all running)") var containers: [String] = []
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        static let defaultFormat =
            "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}"
        static let titles = [
            "Container": "CONTAINER", "ID": "CONTAINER ID", "Name": "NAME", "CPUPerc": "CPU %", "MemUsage": "MEM USAGE / LIMIT",
            "MemPerc": "MEM %", "NetIO": "NET I/O", "BlockIO": "BLOCK I/O", "PIDs": "PIDS",
        ]

        /// One line of the table: docker's stats formatting context.
        struct Row: FormatterContext {
            static let formatterContextType = "*container.statsContext"
            var BlockIO: String
            var CPUPerc: String
            var Container: String
            var ID: String
            var MemPerc: String
            var MemUsage: String
            var Name: String
            var NetIO: String
            var PIDs: String

            /// `container` is the container as the command line named it, or its full id when
            /// none was named (docker's `.Container`).
            init(_ stats: ContainerStatsResponse, container: String, truncate: Bool) {
                let id = stats.id ?? ""
                self.ID = truncate ? ObjectID.truncated(id) : id
                self.Container = container
                let name = stats.name ?? ""
                self.Name = String(name.cut(prefix: "/") ?? name[...])
                self.CPUPerc = GoFloat.f(stats.cpuPercent, precision: 2) + "%"
                self.MemUsage =
                    "\(HumanSize.binary(Double(stats.memoryUsageWithoutCache))) / \(HumanSize.binary(Double(stats.memoryLimit)))"
                self.MemPerc = GoFloat.f(stats.memoryPercent, precision: 2) + "%"
                let network = stats.networkIO
                self.NetIO = "\(HumanSize.decimal(Double(network.received))) / \(HumanSize.decimal(Double(network.sent)))"
                let block = stats.blockIO
                self.BlockIO = "\(HumanSize.decimal(Double(block.read))) / \(HumanSize.decimal(Double(block.written)))"
                self.PIDs = String(stats.processCount)
            }
        }

        func run() async throws {
            let format = self.global.listFormat(self.format, quiet: false, configured: \.statsFormat)
            try await withClient(self.global) { client in
                var names = self.containers
                if names.isEmpty {
                    names = try await client.containers.list(.init(all: self.all)).compactMap(\.id)
                }
                if self.noStream {
                    var rows: [Row] = []
                    try await forEachName(names, print: false) { name in
                        rows.append(Row(try await client.containers.stats(name), container: name, truncate: !self.noTrunc))
                    }
                    printOut(try CommandOutput.render(rows, format: format, defaultFormat: Self.defaultFormat, titles: Self.titles))
                    return
                }
                try await self.stream(names, format: format, client: client)
            }
        }

        /// Redraws the table about once a second with each container's latest sample.
        private func stream(_ names: [String], format: String?, client: DockerClient) async throws {
            let truncate = !self.noTrunc
            try await withThrowingTaskGroup(of: Void.self) { group in
                let latest = LatestStats()
                for name in names {
                    group.addTask {
                        for try await sample in try await client.containers.statsStream(name) {
                            await latest.set(name, sample)
                        }
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try await Task.sleep(nanoseconds: 1_000_000_000)
                        let rows = await latest.all(order: names).map { Row($0.sample, container: $0.name, truncate: truncate) }
                        let table = try CommandOutput.render(rows, format: format, defaultFormat: Self.defaultFormat, titles: Self.titles)
                        // Clear the screen and go home, as docker does on a terminal.
                        printOut("\u{1B}[2J\u{1B}[H" + table)
                    }
                }
                // A container that exits ends its stream (the daemon stops collecting): its last
                // sample stays and the others go on. An error ends the command; otherwise it runs
                // until interrupted, as docker's does.
                for try await _ in group {}
            }
        }
    }
}

/// The last sample of each container, shared by the streaming tasks.
private actor LatestStats {
    private var samples: [String: ContainerStatsResponse] = [:]
    func set(_ name: String, _ sample: ContainerStatsResponse) { self.samples[name] = sample }
    func all(order: [String]) -> [(name: String, sample: ContainerStatsResponse)] {
        order.compactMap { name in self.samples[name].map { (name, $0) } }
    }
}
