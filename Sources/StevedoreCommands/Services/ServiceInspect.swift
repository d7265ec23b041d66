import ArgumentParser
import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service inspect`: the services as the daemon's JSON array (their specs
    /// completed with the swarm's defaults, as docker asks), each through `--format`, or in
    /// docker's human layout with `--pretty`.
    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inspect", abstract: "Display detailed information on one or more services")

        @Option(
            name: [.customShort("f"), .long], parsing: .unconditional,
            help: "Format output using a custom template: 'json' or a Go template")
        var format: String?

        @Flag(name: .long, help: "Print the information in a human friendly format") var pretty = false

        @Argument(help: "SERVICE") var services: [String]
        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            if self.pretty, let format = self.format, !format.isEmpty {
                throw CommandFailure(description: "--format is incompatible with human friendly format")
            }
            let format = self.pretty ? "pretty" : self.global.listFormat(self.format, quiet: false, configured: \.serviceInspectFormat)
            if let format, format.hasBytePrefix("pretty"), format != "pretty" {
                throw CommandFailure(description: "Cannot supply extra formatting options to the pretty template")
            }
            try await withClient(self.global) { client in
                guard format == "pretty" else {
                    // No format, or docker's `raw`: the JSON array.
                    let template = format.flatMap { $0.isEmpty || $0 == "raw" ? nil : $0 }
                    try await inspectEach(self.services, format: template, keepsDaemonJSON: false) {
                        try await ServiceInspection.inspect($0, client: client)
                    }
                    return
                }
                // As docker: the first failure stops everything, and nothing is printed.
                var text = ""
                for name in self.services {
                    let service = try await ServiceInspection.inspect(name, client: client).value
                    let networkNames = await ServiceInspection.networkNames(of: service, client: client)
                    text += ServiceInspection.prettyText(service, networkNames: networkNames)
                }
                printOut(text)
            }
        }
    }
}

/// What `service inspect` reads, and docker's `--pretty` layout (`serviceInspectPrettyTemplate`)
/// written out: the same lines, tabs and spaces for the fields it shows, absent fields left out
/// as its template leaves them.
enum ServiceInspection {
    /// The service with the swarm's defaults filled in; a missing one fails with docker's
    /// `Error: no such service: NAME`.
    static func inspect(_ name: String, client: DockerClient) async throws -> (value: Service, raw: Data) {
        do {
            return try await client.services.inspectWithRaw(name, insertDefaults: true)
        } catch let error as DockerError where error.category == .notFound {
            throw DockerError(category: .notFound, message: "Error: no such service: \(name)")
        }
    }

    /// Network id → name for the networks the service's tasks join, as far as they can be
    /// inspected (docker shows the id of any other).
    static func networkNames(of service: Service, client: DockerClient) async -> [String: String] {
        var names: [String: String] = [:]
        for target in (service.spec?.taskTemplate?.networks ?? []).compactMap(\.target) {
            if let network = try? await client.networks.inspect(target, options: .init(scope: .swarm)), let id = network.id {
                names[id] = network.name ?? ""
            }
        }
        return names
    }

    /// One service in the pretty layout: a blank line, its fields, a blank line.
    static func prettyText(_ service: Service, networkNames: [String: String], now: Date = Date()) -> String {
        let spec = service.spec
        let container = spec?.taskTemplate?.containerSpec
        var text = "\nID:\t\t\(service.id ?? "")\nName:\t\t\(spec?.name ?? "")"
        text += Self.pairs("\nLabels:", spec?.labels) { "\n \($0)" + ($1.isEmpty ? "" : "=\($1)") }
        text += "\nService Mode:"
        if spec?.mode?.global != nil {
            text += "\tGlobal"
        } else if let replicated = spec?.mode?.replicated {
            text += "\tReplicated" + (replicated.replicas.map { "\n Replicas:\t\($0)" } ?? "")
        }
        text += Self.updateStatus(service.updateStatus, now: now)
        text += Self.placement(spec?.taskTemplate?.placement)
        if let update = spec?.updateConfig {
            text += Self.updatePolicy(
                "UpdateConfig", parallelism: update.parallelism, delay: update.delay, failureAction: update.failureAction?.rawValue,
                monitor: update.monitor, maxFailureRatio: update.maxFailureRatio, order: ("Update order:      ", update.order?.rawValue))
        }
        if let rollback = spec?.rollbackConfig {
            text += Self.updatePolicy(
                "RollbackConfig", parallelism: rollback.parallelism, delay: rollback.delay,
                failureAction: rollback.failureAction?.rawValue, monitor: rollback.monitor, maxFailureRatio: rollback.maxFailureRatio,
                order: ("Rollback order:    ", rollback.order?.rawValue))
        }
        text += Self.containerSpec(container)
        text += Self.logDriver(spec?.taskTemplate?.logDriver)
        text += Self.resources(spec?.taskTemplate?.resources)
        let networks = (spec?.taskTemplate?.networks ?? []).map { networkNames[$0.target ?? ""] ?? $0.target ?? "" }
        if !networks.isEmpty { text += "\nNetworks:" + networks.map { " " + $0 }.joined() + " " }
        text += "\nEndpoint Mode:\t\(spec?.endpointSpec?.mode?.rawValue ?? "")"
        if let ports = service.endpoint?.ports, !ports.isEmpty {
            text += "\nPorts:"
            for port in ports {
                text += "\n PublishedPort = \(port.publishedPort ?? 0)\n  Protocol = \(port.protocol?.rawValue ?? "")"
                text += "\n  TargetPort = \(port.targetPort ?? 0)\n  PublishMode = \(port.publishMode?.rawValue ?? "")"
            }
            text += " "
        }
        if let health = container?.healthCheck {
            text += "\n Healthcheck:\n  Interval = \(goDurationString(health.interval ?? 0))\n  Retries = \(health.retries ?? 0)"
            text += "\n  StartPeriod =\t\(goDurationString(health.startPeriod ?? 0))\n  Timeout =\t\(goDurationString(health.timeout ?? 0))"
            if let tests = health.test, !tests.isEmpty {
                text += "\n  Tests:" + tests.map { "\n\t Test = \($0)" }.joined() + " "
            }
        }
        return text + "\n\n"
    }

    private static func updateStatus(_ status: Service.UpdateStatus?, now: Date) -> String {
        guard let status, let state = status.state, !state.rawValue.isEmpty else { return "" }
        func ago(_ time: String) -> String { DockerTimestamp(time).map { HumanDuration.ago($0.date, now: now) } ?? "" }
        var text = "\nUpdateStatus:\n State:\t\t\(state.rawValue)"
        if let started = status.startedAt { text += "\n Started:\t\(ago(started))" }
        if state == .completed, let completed = status.completedAt { text += "\n Completed:\t\(ago(completed))" }
        return text + "\n Message:\t\(status.message ?? "")"
    }

    private static func placement(_ placement: TaskSpec.Placement?) -> String {
        var text = "\nPlacement:"
        if let constraints = placement?.constraints, !constraints.isEmpty {
            text += "\n Constraints:\t" + Self.goList(constraints)
        }
        let preferences = (placement?.preferences ?? []).compactMap { $0.spread.map { "spread=" + ($0.spreadDescriptor ?? "") } }
        if !preferences.isEmpty { text += "\n Preferences:   " + Self.goList(preferences) }
        if let perNode = placement?.maxReplicas, perNode > 0 { text += "\n Max Replicas Per Node:   \(perNode)" }
        return text
    }

    /// The `UpdateConfig` or `RollbackConfig` block; `order` is the order line's title and value.
    private static func updatePolicy(
        _ title: String, parallelism: Int64?, delay: Int64?, failureAction: String?, monitor: Int64?, maxFailureRatio: Double?,
        order: (title: String, value: String?)
    ) -> String {
        var text = "\n\(title):\n Parallelism:\t\(parallelism ?? 0)"
        if let delay, delay > 0 { text += "\n Delay:\t\t\(goDurationString(delay))" }
        text += "\n On failure:\t\(failureAction ?? "")"
        if let monitor, monitor > 0 { text += "\n Monitoring Period: \(goDurationString(monitor))" }
        text += "\n Max failure ratio: \(TemplateValue.double(maxFailureRatio ?? 0).goDescription)"
        return text + "\n \(order.title)\(order.value ?? "")"
    }

    private static func containerSpec(_ container: TaskSpec.ContainerSpec?) -> String {
        var text = "\nContainerSpec:\n Image:\t\t\(container?.image ?? "")"
        if let args = container?.args, !args.isEmpty { text += "\n Args:\t\t" + args.map { $0 + " " }.joined() }
        if let env = container?.env, !env.isEmpty { text += "\n Env:\t\t" + env.map { $0 + " " }.joined() }
        if let dir = container?.dir, !dir.isEmpty { text += "\n Dir:\t\t\(dir)" }
        if let runsInit = container?.`init` { text += "\n Init:\t\t\(runsInit)" }
        if let user = container?.user, !user.isEmpty { text += "\n User: \(user)" }
        let added = container?.capabilityAdd ?? []
        let dropped = container?.capabilityDrop ?? []
        if !added.isEmpty || !dropped.isEmpty {
            text += "\nCapabilities:"
            if !added.isEmpty { text += "\n Add: " + added.joined(separator: ", ") }
            if !dropped.isEmpty { text += "\n Drop: " + dropped.joined(separator: ", ") }
        }
        text += Self.pairs("\nSysCtls:", container?.sysctls) { "\n \($0)" + ($1.isEmpty ? "" : ": \($1)") }
        // docker keys the limits by name: of two with one name, the last is shown.
        let ulimits = Dictionary(
            (container?.ulimits ?? []).map { ($0.name ?? "", "\($0.soft ?? 0):\($0.hard ?? 0)") }, uniquingKeysWith: { $1 })
        text += Self.pairs("\nUlimits:", ulimits) { "\n \($0): \($1)" }
        if let mounts = container?.mounts, !mounts.isEmpty {
            text += "\nMounts:"
            for mount in mounts {
                text += "\n Target:\t\(mount.target ?? "")\n  Source:\t\(mount.source ?? "")"
                text += "\n  ReadOnly:\t\(mount.readOnly ?? false)\n  Type:\t\t\(mount.type?.rawValue ?? "")"
            }
        }
        if let configs = container?.configs, !configs.isEmpty {
            text += "\nConfigs:" + configs.map { "\n Target:\t\($0.file?.name ?? "")\n  Source:\t\($0.configName ?? "")" }.joined()
        }
        if let secrets = container?.secrets, !secrets.isEmpty {
            text += "\nSecrets:" + secrets.map { "\n Target:\t\($0.file?.name ?? "")\n  Source:\t\($0.secretName ?? "")" }.joined()
        }
        return text
    }

    private static func logDriver(_ driver: TaskSpec.LogDriver?) -> String {
        guard let driver else { return "" }
        var text = "\nLog Driver:"
        if let name = driver.name, !name.isEmpty { text += "\n Name:\t\t\(name)" }
        text += Self.pairs("\n LogOpts:", driver.options) { "\n  \($0)" + ($1.isEmpty ? "" : ":       \($1)") }
        // docker's template ends this block with a blank line.
        return text + "\n"
    }

    private static func resources(_ resources: TaskSpec.Resources?) -> String {
        var text = ""
        if let resources {
            text += "\nResources:"
            if let reservations = resources.reservations, (reservations.nanoCPUs ?? 0) > 0 || (reservations.memoryBytes ?? 0) > 0 {
                text += "\n Reservations:" + Self.cpuAndMemory(nanoCPUs: reservations.nanoCPUs, memory: reservations.memoryBytes)
            }
            if let limits = resources.limits, (limits.nanoCPUs ?? 0) > 0 || (limits.memoryBytes ?? 0) > 0 || (limits.pids ?? 0) > 0 {
                text += "\n Limits:" + Self.cpuAndMemory(nanoCPUs: limits.nanoCPUs, memory: limits.memoryBytes)
            }
        }
        // Outside the block in docker's template, though only limits set it.
        if let pids = resources?.limits?.pids, pids > 0 { text += "\n  PIDs:\t\t\(pids)" }
        return text
    }

    /// The CPU (in CPUs) and memory (binary units) lines of reservations or limits, when set.
    private static func cpuAndMemory(nanoCPUs: Int64?, memory: Int64?) -> String {
        var text = ""
        if let nanoCPUs, nanoCPUs > 0 { text += "\n  CPU:\t\t\(TemplateValue.double(Double(nanoCPUs) / 1e9).goDescription)" }
        if let memory, memory != 0 { text += "\n  Memory:\t\(HumanSize.binary(memory))" }
        return text
    }

    /// `title` and one `line` per entry, keys sorted as Go templates range over maps; nothing
    /// when there is no entry.
    private static func pairs(_ title: String, _ entries: [String: String]?, line: (String, String) -> String) -> String {
        guard let entries, !entries.isEmpty else { return "" }
        return title + entries.sorted { $0.key < $1.key }.map { line($0.key, $0.value) }.joined()
    }

    /// A list as Go prints a slice: `[a b c]`.
    private static func goList(_ values: [String]) -> String {
        "[" + values.joined(separator: " ") + "]"
    }
}
