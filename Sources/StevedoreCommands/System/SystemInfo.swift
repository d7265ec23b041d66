import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.System {
    /// `stevedore info`: system-wide information, printed as docker prints it.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Display system-wide information")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let clientInfo = ClientInfo(Debug: self.global.debug, Context: try self.global.contextName())
            let template = self.format.flatMap { $0.isEmpty ? nil : $0 }
            // As docker: a template that runs on the client half alone needs no daemon.
            if let template, !Self.needsServer(template), let format = try? OutputFormat(template: template),
                let rendered = try? CommandOutput.render([ClientOnly(ClientInfo: clientInfo)], with: format)
            {
                return printOut(rendered)
            }
            try await withClient(self.global) { client in
                // Only once there is a client: docker prints nothing for a context it cannot resolve.
                if template == nil { printOut(clientInfo.section) }
                let (info, raw): (SystemInfo, Data)
                do {
                    (info, raw) = try await client.system.infoWithRaw()
                } catch {
                    // docker's text still heads the missing half.
                    if template == nil { printOut("Server:\n") }
                    throw error
                }
                // docker's value: the server's fields in its order (`json` writes the daemon's
                // fields, the models' own only where it sent them), then docker's own: the
                // client's, and the error lists and user name, empty here, which a template
                // reads as `[]` and `""` and `json` leaves out.
                let addClientInfo = { (item: inout TemplateValue) in
                    if let sent = try? TemplateValue(json: raw) { item = item.addingMissingFields(from: sent) }
                    guard case .object(var fields) = item else { return }
                    fields.setOmittedNil("ServerErrors", readAs: .slice)
                    fields.setOmittedNil("UserName", readAs: .zero(.string("")))
                    fields["ClientInfo"] = try? TemplateValue(encoding: clientInfo)
                    fields.setOmittedNil("ClientErrors", readAs: .slice)
                    item = .object(fields)
                }
                if let template {
                    try CommandOutput.write(info, with: try CommandOutput.parse(template), prepare: addClientInfo)
                } else {
                    printOut(Self.describe(info))
                    // The daemon's warnings go to stderr, as docker's CLI prints them.
                    for warning in info.warnings ?? [] { printError(warning) }
                }
            }
        }

        /// Whether `template` needs the daemon's half without trying it on the client's: docker's
        /// `json` and `{{json .}}`, and a template that reaches no field (no `.` and a letter).
        static func needsServer(_ template: String) -> Bool {
            guard template != "json", template != "{{json .}}" else { return true }
            let bytes = Array(template.utf8)
            return !zip(bytes, bytes.dropFirst()).contains { dot, next in
                dot == UInt8(ascii: ".") && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next | 0x20)
            }
        }

        /// The server part of `docker info`'s text, line for line as docker's CLI prints it
        /// (its `prettyPrintServerInfo`), ending with a blank line.
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
            if let directories = info.cdiSpecDirs, !directories.isEmpty {
                lines.append(" CDI spec directories:")
                lines += directories.map { "  \($0)" }
            }
            add("Swarm", info.swarm?.localNodeState?.rawValue)
            if let runtimes = info.runtimes, !runtimes.isEmpty {
                add("Runtimes", runtimes.keys.sorted().joined(separator: " "))
                add("Default Runtime", info.defaultRuntime ?? "")
            }
            if info.osType == "linux" {
                add("Init Binary", info.initBinary ?? "")
                for (name, commit) in [("containerd", info.containerdCommit), ("runc", info.runcCommit), ("init", info.initCommit)] {
                    lines.append(" \(name) version: \(commit?.id ?? "")")
                }
                if let options = info.securityOptions, !options.isEmpty {
                    lines.append(" Security Options:")
                    lines += Self.securityOptionLines(options)
                }
            }
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
            if info.debug == true {
                add("File Descriptors", info.nFd, indent: 2)
                add("Goroutines", info.nGoroutines, indent: 2)
                add("System Time", info.systemTime, indent: 2)
                add("EventsListeners", info.nEventsListener, indent: 2)
            }
            for (label, value) in [("HTTP Proxy", info.httpProxy), ("HTTPS Proxy", info.httpsProxy), ("No Proxy", info.noProxy)] {
                if let value, !value.isEmpty { add(label, value) }
            }
            if let labels = info.labels, !labels.isEmpty {
                lines.append(" Labels:")
                lines += labels.map { "  \($0)" }
            }
            add("Experimental", info.experimentalBuild)
            if let registries = info.registryConfig {
                let insecure =
                    (registries.indexConfigs ?? [:]).values.filter { $0.secure == false }.compactMap(\.name).sorted()
                    + (registries.insecureRegistryCIDRs ?? [])
                if !(registries.insecureRegistryCIDRs ?? []).isEmpty || !(registries.indexConfigs ?? [:]).isEmpty {
                    lines.append(" Insecure Registries:")
                    lines += insecure.map { "  \($0)" }
                }
                if let mirrors = registries.mirrors, !mirrors.isEmpty {
                    lines.append(" Registry Mirrors:")
                    lines += mirrors.map { "  \($0)" }
                }
            }
            add("Live Restore Enabled", info.liveRestoreEnabled)
            if let license = info.productLicense, !license.isEmpty { add("Product License", license) }
            if let pools = info.defaultAddressPools, !pools.isEmpty {
                lines.append(" Default Address Pools:")
                lines += pools.map { "   Base: \($0.base ?? ""), Size: \($0.size.map(String.init) ?? "")" }
            }
            lines.append("")
            return lines.joined(separator: "\n") + "\n"
        }

        /// `name=seccomp,profile=builtin` entries as docker lists them: the name, then its
        /// profile below it.
        static func securityOptionLines(_ options: [String]) -> [String] {
            options.flatMap { option -> [String] in
                var name = option
                var profile: String?
                for field in option.split(scalar: ",") {
                    let pair = field.split(scalar: "=", maxSplits: 1).map(String.init)
                    guard pair.count == 2 else { continue }
                    if pair[0] == "name" { name = pair[1] }
                    if pair[0] == "profile" { profile = pair[1] }
                }
                return ["  \(name)"] + (profile.map { ["   Profile: \($0)"] } ?? [])
            }
        }
    }
}
