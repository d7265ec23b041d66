import ArgumentParser
import Stevedore
import StevedoreFormatting

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension StevedoreCommand.Service {
    /// `stevedore service ls` (also `list`): the services sorted by name, with their running
    /// and desired tasks as the swarm counts them.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ls", abstract: "List services", aliases: ["list"])

        @OptionGroup var options: SwarmListOptions

        @OptionGroup(visibility: .hidden) var global: GlobalOptions

        func run() async throws {
            let filters = try self.options.filters(as: ServiceListFilters.self)
            try await withClient(self.global) { client in
                // As docker, only a listing that may show replicas has the swarm count tasks.
                var services = try await client.services.list(.init(filters: filters, status: !self.options.quiet))
                if !self.options.quiet { services = try await ServiceRow.countingTasks(of: services, client: client) }
                let rows = services.sorted { naturalLess($0.spec?.name ?? "", $1.spec?.name ?? "") }.map(ServiceRow.init)
                // docker's `raw` layout stands for a template, `-q` or not.
                try self.options.print(
                    rows, tableFormat: ServiceRow.tableFormat, rawFormat: self.options.quiet ? "id: {{.ID}}" : ServiceRow.rawFormat,
                    titles: ServiceRow.titles, configured: \.servicesFormat, global: self.global)
            }
        }
    }
}

/// One line of `service ls`: the fields of docker's service formatting context, as strings.
struct ServiceRow: FormatterContext {
    static let formatterContextType = "*service.serviceContext"
    var ID: String
    var Image: String
    var Mode: String
    var Name: String
    var Ports: String
    var Replicas: String

    static let tableFormat = "table {{.ID}}\t{{.Name}}\t{{.Mode}}\t{{.Replicas}}\t{{.Image}}\t{{.Ports}}"
    /// docker's `raw` layout: one `key: value` line per field, a blank line between services.
    static let rawFormat =
        "id: {{.ID}}\\nname: {{.Name}}\\nmode: {{.Mode}}\\nreplicas: {{.Replicas}}\\nimage: {{.Image}}\\nports: {{.Ports}}\\n"
    static let titles = ["ID": "ID", "Name": "NAME", "Mode": "MODE", "Replicas": "REPLICAS", "Image": "IMAGE", "Ports": "PORTS"]

    init(_ service: Service) {
        self.ID = ObjectID.truncated(service.id ?? "")
        self.Name = service.spec?.name ?? ""
        let mode = Self.mode(service.spec?.mode)
        self.Mode = mode
        self.Replicas = Self.replicas(service, mode: mode)
        self.Image = Self.image(service.spec?.taskTemplate?.containerSpec?.image ?? "")
        self.Ports = Self.ports(service.endpoint?.ports)
    }

    /// `services` with the `ServiceStatus` a daemon older than API 1.41 leaves out, counted
    /// from the tasks as docker does: desired are the tasks not shut down, running those
    /// running on a node that is not down. Jobs, newer than the status, need none.
    static func countingTasks(of services: [Service], client: DockerClient) async throws -> [Service] {
        var services = services
        var counts: [String: Service.ServiceStatus] = [:]
        var filters = TaskListFilters()
        for index in services.indices where services[index].serviceStatus == nil {
            let mode = services[index].spec?.mode
            let id = services[index].id ?? ""
            if let replicated = mode?.replicated {
                // Shown as it is when the swarm has no task to count.
                services[index].serviceStatus = .init(desiredTasks: UInt64(max(replicated.replicas ?? 0, 0)))
            } else if mode?.global != nil {
                services[index].serviceStatus = .init()
            } else {
                continue
            }
            counts[id] = .init(runningTasks: 0, desiredTasks: 0)
            filters.service.append(id)
        }
        guard !counts.isEmpty else { return services }
        let tasks = try await client.tasks.list(filters)
        guard !tasks.isEmpty else { return services }
        let activeNodes = Set(try await client.nodes.list().filter { $0.status?.state != .down }.compactMap(\.id))
        for task in tasks {
            guard let service = task.serviceID, var count = counts[service] else { continue }
            if task.desiredState != .shutdown { count.desiredTasks = (count.desiredTasks ?? 0) + 1 }
            if let node = task.nodeID, activeNodes.contains(node), task.status?.state == .running {
                count.runningTasks = (count.runningTasks ?? 0) + 1
            }
            counts[service] = count
        }
        for index in services.indices {
            if let count = counts[services[index].id ?? ""] { services[index].serviceStatus = count }
        }
        return services
    }

    /// docker's name of a service mode.
    private static func mode(_ mode: ServiceSpec.Mode?) -> String {
        if mode?.global != nil { return "global" }
        if mode?.replicated != nil { return "replicated" }
        if mode?.replicatedJob != nil { return "replicated job" }
        if mode?.globalJob != nil { return "global job" }
        return ""
    }

    /// `running/desired`, with the per-node limit of a replicated service, or for jobs the
    /// completed tasks out of all the job runs (for a global job, those still wanted plus
    /// those done).
    private static func replicas(_ service: Service, mode: String) -> String {
        let status = service.serviceStatus
        let running = status?.runningTasks ?? 0
        let desired = status?.desiredTasks ?? 0
        let completed = status?.completedTasks ?? 0
        if let job = service.spec?.mode?.replicatedJob {
            return "\(running)/\(desired) (\(completed)/\(job.totalCompletions ?? 0) completed)"
        }
        if service.spec?.mode?.globalJob != nil {
            return "\(running)/\(desired) (\(completed)/\(desired + completed) completed)"
        }
        if mode == "replicated", let perNode = service.spec?.taskTemplate?.placement?.maxReplicas, perNode > 0 {
            return "\(running)/\(desired) (max \(perNode) per node)"
        }
        return "\(running)/\(desired)"
    }

    /// The image without its digest, in its familiar form (`nginx:1.27`); as given when it has
    /// no tag or is no reference docker can read.
    private static func image(_ image: String) -> String {
        guard let name = try? ImageName(parsing: image), let tag = name.tag else { return image }
        return name.familiarName + ":" + tag
    }

    /// The ports published on the ingress network, `*:published->target/protocol`, runs of
    /// consecutive ports merged as docker merges them: `*:80-81->80-81/tcp` for ports mapped
    /// one to one, `*:80-81->80/tcp` for several mapped to one.
    private static func ports(_ ports: [EndpointPortConfig]?) -> String {
        guard let ports else { return "" }
        let sorted = ports.sorted {
            let (left, right) = ($0.protocol?.rawValue ?? "", $1.protocol?.rawValue ?? "")
            return left == right ? ($0.publishedPort ?? 0) < ($1.publishedPort ?? 0) : left < right
        }
        var merged: [String] = []
        var range = PortRange()
        for port in sorted where port.publishMode == .ingress {
            let published = UInt32(truncatingIfNeeded: port.publishedPort ?? 0)
            let target = UInt32(truncatingIfNeeded: port.targetPort ?? 0)
            let kind = port.protocol?.rawValue ?? ""
            // docker's unsigned differences: a port below the range's end starts a new range too.
            let isRange = range.targetEnd != range.targetStart
            if kind != range.kind || published &- range.publishedEnd > 1 || target &- range.targetEnd > 1
                || (isRange && target <= range.targetEnd)
            {
                if range.publishedStart > 0 { merged.append(range.description) }
                range = PortRange(publishedStart: published, publishedEnd: published, targetStart: target, targetEnd: target, kind: kind)
                continue
            }
            range.publishedEnd = published
            range.targetEnd = target
        }
        if range.publishedStart > 0 { merged.append(range.description) }
        return merged.joined(separator: ", ")
    }

    /// Published ports `publishedStart…publishedEnd` mapped to `targetStart…targetEnd`.
    private struct PortRange: CustomStringConvertible {
        var publishedStart: UInt32 = 0
        var publishedEnd: UInt32 = 0
        var targetStart: UInt32 = 0
        var targetEnd: UInt32 = 0
        var kind = ""

        var description: String {
            func span(_ start: UInt32, _ end: UInt32) -> String { end > start ? "\(start)-\(end)" : "\(start)" }
            return "*:\(span(self.publishedStart, self.publishedEnd))->\(span(self.targetStart, self.targetEnd))/\(self.kind)"
        }
    }
}
