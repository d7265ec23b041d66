import Stevedore
import StevedoreFormatting
import StevedoreText

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One line of `ps`: the fields of docker's container formatting context, as strings.
struct ContainerRow: Encodable {
    var Command: String
    var CreatedAt: String
    var ID: String
    var Image: String
    var Labels: String
    var LocalVolumes: String
    var Mounts: String
    var Names: String
    var Networks: String
    var Ports: String
    var RunningFor: String
    var Size: String
    var State: String
    var Status: String

    static let titles = [
        "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT", "RunningFor": "CREATED",
        "Status": "STATUS", "Ports": "PORTS", "Names": "NAMES", "Size": "SIZE", "Labels": "LABELS", "Mounts": "MOUNTS",
        "Networks": "NETWORKS", "LocalVolumes": "LOCAL VOLUMES", "State": "STATE",
    ]

    /// docker's IMAGE column: the reference the container was created from, shortened unless
    /// `--no-trunc` to the image's short id when it is that id, else to its familiar name
    /// and tag (`busybox@sha256:…` is `busybox`, `docker.io/library/busybox:1` is `busybox:1`).
    static func image(_ image: String, id: String, truncate: Bool) -> String {
        guard !image.isEmpty else { return "<no image>" }
        guard truncate else { return image }
        let shortID = ObjectID.truncated(id)
        if shortID == ObjectID.truncated(image) { return shortID }
        guard let name = try? ImageName(parsing: image) else { return image }
        return name.familiarName + (name.tag.map { ":" + $0 } ?? "")
    }

    init(_ container: ContainerSummary, truncate: Bool, now: Date = Date()) {
        let id = container.id ?? ""
        self.ID = truncate ? ObjectID.truncated(id) : id
        self.Image = Self.image(container.image ?? "", id: container.imageID ?? "", truncate: truncate)
        var command = container.command ?? ""
        if truncate, command.count > 20 { command = String(command.prefix(19)) + "…" }
        self.Command = GoQuote.quote(command)
        let created = Date(timeIntervalSince1970: TimeInterval(container.created ?? 0))
        self.CreatedAt = Self.goTime(created)
        self.RunningFor = HumanDuration.ago(created, now: now)
        // Names without the leading slash; a name with another slash is a legacy link alias,
        // shown only with --no-trunc.
        let names = (container.names ?? []).map { String($0.cut(prefix: "/") ?? $0[...]) }
        self.Names = (truncate ? names.filter { !$0.contains(scalar: "/") } : names).joined(separator: ",")
        self.Labels = (container.labels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let mounts = container.mounts ?? []
        self.Mounts = mounts.map { mount in
            var name = mount.name ?? mount.source ?? ""
            if truncate, name.count > 15 { name = String(name.prefix(14)) + "…" }
            return name
        }.joined(separator: ",")
        self.LocalVolumes = String(mounts.filter { $0.driver == "local" }.count)
        self.Networks = (container.networkSettings?.networks ?? [:]).keys.sorted().joined(separator: ",")
        self.Ports = Self.ports(container.ports ?? [])
        self.State = container.state?.rawValue ?? ""
        self.Status = container.status ?? ""
        let sizeRw = container.sizeRw ?? 0
        let rootFs = container.sizeRootFs ?? 0
        self.Size = HumanSize.decimal(sizeRw) + (rootFs > 0 ? " (virtual \(HumanSize.decimal(rootFs)))" : "")
    }

    /// Go's `time.Time.String()` without the monotonic part: `2006-01-02 15:04:05 -0700 MST`.
    static func goTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard let seconds = Int64(exactly: seconds), let local = LocalTime(secondsSince1970: seconds) else {
            return date.description
        }
        return local.goString()
    }

    /// docker's port column: `127.0.0.1:8080->80/tcp, 443/tcp`, consecutive ports merged into
    /// ranges as `DisplayablePorts` does.
    static func ports(_ ports: [PortSummary]) -> String {
        struct Group: Hashable { var ip: String; var proto: String; var mapped: Bool }
        var lines: [String] = []
        let sorted = ports.sorted {
            ($0.type.rawValue, $0.privatePort, $0.publicPort ?? 0, $0.ip ?? "") < (
                $1.type.rawValue, $1.privatePort, $1.publicPort ?? 0, $1.ip ?? ""
            )
        }
        var runs: [(group: Group, first: (Int, Int), last: (Int, Int))] = []
        for port in sorted {
            let group = Group(ip: port.ip ?? "", proto: port.type.rawValue, mapped: port.publicPort != nil)
            let current = (Int(port.publicPort ?? 0), Int(port.privatePort))
            if let run = runs.last, run.group == group, current.0 == (group.mapped ? run.last.0 + 1 : 0), current.1 == run.last.1 + 1 {
                runs[runs.count - 1].last = current
            } else {
                runs.append((group, current, current))
            }
        }
        for run in runs {
            func span(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "\(a)-\(b)" }
            let privatePart = span(run.first.1, run.last.1) + "/" + run.group.proto
            if run.group.mapped {
                lines.append("\(joinHostPort(run.group.ip, span(run.first.0, run.last.0)))->\(privatePart)")
            } else {
                lines.append(privatePart)
            }
        }
        return lines.joined(separator: ", ")
    }
}
