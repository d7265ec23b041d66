import ArgumentParser
import Stevedore
import StevedoreFormatting

extension StevedoreCommand.System {
    /// `stevedore info`: system-wide information, printed as docker prints it.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Display system-wide information")

        @Option(name: [.customShort("f"), .long], help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            try await withClient(self.global) { client in
                let info = try await client.system.info()
                if let rendered = try CommandOutput.render(info, format: self.format) {
                    printOut(rendered)
                } else {
                    printOut(Self.describe(info))
                }
            }
        }

        /// The server part of `docker info`'s text.
        static func describe(_ info: SystemInfo) -> String {
            var lines = ["Server:"]
            func add(_ label: String, _ value: CustomStringConvertible?, indent: Int = 1) {
                guard let value else { return }
                lines.append(String(repeating: " ", count: indent) + "\(label): \(value)")
            }
            add("Containers", info.containers)
            add("Running", info.containersRunning, indent: 2)
            add("Paused", info.containersPaused, indent: 2)
            add("Stopped", info.containersStopped, indent: 2)
            add("Images", info.images)
            add("Server Version", info.serverVersion)
            add("Storage Driver", info.driver)
            for status in info.driverStatus ?? [] where status.count == 2 {
                add(status[0], status[1], indent: 2)
            }
            add("Logging Driver", info.loggingDriver)
            add("Cgroup Driver", info.cgroupDriver?.rawValue)
            add("Cgroup Version", info.cgroupVersion?.rawValue)
            if let plugins = info.plugins {
                lines.append(" Plugins:")
                add("Volume", plugins.volume?.joined(separator: " "), indent: 2)
                add("Network", plugins.network?.joined(separator: " "), indent: 2)
                add("Log", plugins.log?.joined(separator: " "), indent: 2)
            }
            add("Swarm", info.swarm?.localNodeState?.rawValue)
            add("Default Runtime", info.defaultRuntime)
            add("Init Binary", info.initBinary)
            add("Security Options", info.securityOptions.map { $0.isEmpty ? nil : $0.joined(separator: " ") } ?? nil)
            add("Kernel Version", info.kernelVersion)
            add("Operating System", info.operatingSystem)
            add("OSType", info.osType)
            add("Architecture", info.architecture)
            add("CPUs", info.ncpu)
            add("Total Memory", info.memTotal.map { HumanSize.binary($0) })
            add("Name", info.name)
            add("ID", info.id)
            add("Docker Root Dir", info.dockerRootDir)
            add("Debug Mode", info.debug)
            add("Experimental", info.experimentalBuild)
            add("Live Restore Enabled", info.liveRestoreEnabled)
            var text = lines.joined(separator: "\n") + "\n"
            if let warnings = info.warnings, !warnings.isEmpty {
                text += "\n" + warnings.joined(separator: "\n") + "\n"
            }
            return text
        }
    }
}
